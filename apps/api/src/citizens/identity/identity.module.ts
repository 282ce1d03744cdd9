import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { IdentityRegistry, IdentitySecrets } from './identity-registry';

/** Provides the identity registry (the one place personal identity numbers live). */
@Global()
@Module({})
export class IdentityModule implements OnApplicationShutdown {
  constructor(@Inject(IdentityRegistry) private readonly registry: IdentityRegistry) {}

  static open(dataDir: string, secrets: IdentitySecrets) {
    const registry = IdentityRegistry.open(dataDir, secrets);
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
