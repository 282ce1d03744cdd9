import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { IdentityRegistry } from './identity-registry';

/** Provides the identity registry (the one place personal identity numbers live). */
@Global()
@Module({})
export class IdentityModule implements OnApplicationShutdown {
  constructor(@Inject(IdentityRegistry) private readonly registry: IdentityRegistry) {}

  static open(dataDir: string, lookupKey: string) {
    const registry = IdentityRegistry.open(dataDir, lookupKey);
    return {
      module: IdentityModule,
      providers: [{ provide: IdentityRegistry, useValue: registry }],
      exports: [IdentityRegistry],
    };
  }

  onApplicationShutdown(): void {
    this.registry.close();
  }
}
