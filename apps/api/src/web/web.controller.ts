import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { extname } from 'node:path';
import { Public } from '../auth/allow.decorator';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { assetPath, CONTENT_TYPES } from './web-root';

export const WEB_ROOT = Symbol('WEB_ROOT');

/**
 * Headers of every page and asset: scripts, styles and requests only from this origin (no inline
 * script, no third party), never framed, no content-type sniffing; always revalidated.
 */
const HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/**
 * The web dashboard: `/` is the single page, `/web/…` its modules and styles. The pages hold no
 * data; everything they show comes from the API with the signed-in user's token, so serving them
 * needs no token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(@Inject(WEB_ROOT) private readonly root: string | null) {}

  @Get()
  index(@Res() response: Response): void {
    this.send(response, 'index.html');
  }

  @Get('web/*path')
  asset(@Param('path') path: string | string[], @Res() response: Response): void {
    this.send(response, Array.isArray(path) ? path.join('/') : path);
  }

  private send(response: Response, relative: string): void {
    const file = this.root ? assetPath(this.root, relative) : null;
    if (!file) {
      throw new ProblemException(
        problem(404, 'NOT_FOUND', 'Not found', `There is no web asset "${relative}"`),
      );
    }
    response.set({ ...HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] });
    response.sendFile(file, (error) => {
      // A client that went away mid-transfer is not worth a log line; answer if nothing was sent.
      if (error && !response.headersSent) response.status(404).end();
    });
  }
}
