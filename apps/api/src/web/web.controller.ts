import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { HttpReply } from '../shared/http-request';
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
  async index(@Res() reply: HttpReply): Promise<void> {
    await this.send(reply, 'index.html');
  }

  @Get('web/*')
  async asset(@Param('*') path: string, @Res() reply: HttpReply): Promise<void> {
    await this.send(reply, path);
  }

  private async send(reply: HttpReply, relative: string): Promise<void> {
    const file = this.root ? assetPath(this.root, relative) : null;
    if (!file) {
      throw new ProblemException(
        problem(404, 'NOT_FOUND', 'Not found', `There is no web asset "${relative}"`),
      );
    }
    // The dashboard's files are a few kilobytes each: read whole, no streaming needed.
    const content = await readFile(file);
    await reply.headers({ ...HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] }).send(content);
  }
}
