import { Logger, Module } from '@nestjs/common';
import { WEB_ROOT, WebController } from './web.controller';
import { findWebRoot } from './web-root';

/** Serves the web dashboard (plain HTML, JS modules and CSS from `public/`, no build step). */
@Module({
  controllers: [WebController],
  providers: [
    {
      provide: WEB_ROOT,
      useFactory: () => {
        const root = findWebRoot();
        if (!root) new Logger('Web').warn('apps/api/src/web/public not found: no dashboard at /');
        return root;
      },
    },
  ],
})
export class WebModule {}
