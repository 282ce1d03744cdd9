import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from '../../apps/api/src/auth/allow.decorator';
import { Role } from '../../apps/api/src/auth/roles';

/** One route of the app, read from its controllers' metadata as the router and guard read it. */
export interface Route {
  method: string;
  /** e.g. `/providers/:providerId/roster` */
  template: string;
  params: string[];
  isPublic: boolean;
  allowed: Role[];
  /** Whether the handler reads a body (`@Body()`), and its class if it has one. */
  takesBody: boolean;
  bodyType?: Type;
  /** Query parameters it reads by name (`@Query('x')`), and whether it reads the whole query. */
  queryNames: string[];
  wholeQuery: boolean;
  /** `Controller.handler`, for messages. */
  name: string;
}

/**
 * Every route of every controller, so that access and fuzz tests cover each endpoint without a
 * hand-kept list. (Built on a DiscoveryService of the app's modules: the app does not import
 * DiscoveryModule, and looking it up would end the process.)
 */
export function routesOf(nest: INestApplication): Route[] {
  const discovery = new DiscoveryService(nest.get(ModulesContainer));
  const controllers = new Set(
    discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((type): type is Type => typeof type === 'function'),
  );
  const found: Route[] = [];
  for (const controller of controllers) {
    const bases = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
    for (const key of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[key];
      if (key === 'constructor' || typeof handler !== 'function') continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      // As the guard decides: the handler's metadata, else the controller's.
      const isPublic = Boolean(
        Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller),
      );
      const allowed = (Reflect.getMetadata(ALLOWED_ROLES, handler) ??
        Reflect.getMetadata(ALLOWED_ROLES, controller) ??
        []) as Role[];
      const args = Object.entries(
        (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >,
      );
      const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, key) ??
        []) as Type[];
      const of = (type: RouteParamtypes) =>
        args.filter(([k]) => k.startsWith(`${type}:`)).map(([, arg]) => arg);
      const body = of(RouteParamtypes.BODY)[0];
      const queries = of(RouteParamtypes.QUERY);
      const bodyType = body ? types[body.index] : undefined;
      for (const base of bases) {
        for (const path of ([] as string[]).concat(paths)) {
          const template = `/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
          found.push({
            method,
            template,
            params: [...template.matchAll(/[:*](\w+)/g)].map((m) => m[1]),
            isPublic,
            allowed,
            takesBody: body !== undefined,
            bodyType: bodyType && bodyType !== Object ? bodyType : undefined,
            queryNames: queries.flatMap((q) => (typeof q.data === 'string' ? [q.data] : [])),
            wholeQuery: queries.some((q) => q.data === undefined),
            name: `${controller.name}.${key}`,
          });
        }
      }
    }
  }
  return found;
}
