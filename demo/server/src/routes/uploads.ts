/**
 * Attachments over HTTP:
 *
 * - `POST /widget/v1/uploads?groupId=…` (Bearer session; multipart/form-data with one `file`
 *   part): the visitor must be a member of the conversation (staff of the app may upload to any
 *   of its conversations) and the app must allow attachments. The file is streamed to disk,
 *   checked against `maxAttachmentSize` (MB) and, by content, `allowedAttachmentTypes`; images get
 *   a thumbnail. Answers the `FileMeta` to send as a message (`contentType` 1).
 * - `GET /files/:blobKey` and `/files/:blobKey/thumbnail`: the file, for members of its
 *   conversation (`?token=<session token>` or `Authorization: Bearer`), staff of the app, or the
 *   app's `Api-Key`. 401 without credentials, 404 PL-U-04 for an unknown key, 403 PL-S-02 for a
 *   visitor outside the conversation.
 * - `GET /admin/v1/storage` (admin key): stored files, bytes, unfinished uploads.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maxBytes, typeAllowed } from '../../../../src/core/attachments.js';
import { BlobStore, IMAGE_TYPES, makeThumbnail, receiveFile, toFileMeta, uploadErrors } from '../blobs.js';
import type { BlobRow } from '../blobs.js';
import { bearerToken, platformApp, requireAdmin, userForToken, widgetSession } from '../context.js';
import type { Deps } from '../context.js';
import { fail } from '../errors.js';
import { pipeFile, success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import type { AppRow } from '../repo/apps.js';
import { findMember } from '../repo/conversations.js';
import { isStaff } from '../repo/users.js';

const WIDGET = { cors: 'app', allowHeaders: 'Content-Type, Authorization' } as const;
const FILES = { cors: 'any', allowHeaders: 'Authorization, Api-Key' } as const;

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Registers the upload and file routes. Files live in `<dataDir>/blobs` (a temporary folder
 * when the database is in memory).
 */
export function uploadRoutes(router: Router, deps: Deps, dataDir: string | undefined): void {
  const { db, chat } = deps;
  const ready = (async () => {
    const root = dataDir ?? (await mkdtemp(join(tmpdir(), 'parley-blobs-')));
    const s = new BlobStore(root, db);
    await s.init();
    return s;
  })();
  ready.catch((err: unknown) => deps.log.error('attachment storage is unavailable', err));

  router.add(
    'POST',
    '/widget/v1/uploads',
    async (ctx) => {
      const blobs = await ready;
      const { app, settings, user } = await widgetSession(deps, ctx);
      const groupId = ctx.query.get('groupId') ?? '';
      if (groupId.trim() === '') throw fail.missingField('groupId');
      if (!settings.chatWidget.attachment) throw fail.forbidden('attachments are turned off for this app');
      if (isStaff(user.role)) {
        if (user.role === 'bot') throw fail.forbidden('bots cannot upload');
        await chat.findGroup(app.app_id, { groupId });
      } else await chat.requireMember(app.app_id, groupId, user.user_id);

      const limit = maxBytes({ maxMB: settings.chatWidget.maxAttachmentSize });
      const declared = Number(ctx.header('content-length') ?? NaN);
      // Multipart framing adds a little; anything far beyond the limit is refused unread.
      if (Number.isFinite(declared) && declared > limit + 64 * 1024) throw uploadErrors.tooLarge(limit);

      const received = await receiveFile(ctx.req, blobs.tempPath(), limit);
      let thumbnail: string | undefined;
      try {
        if (received.size === 0) throw uploadErrors.empty();
        const type = received.type;
        if (!type) throw uploadErrors.typeNotAllowed('file content is not of a recognised type');
        if (!typeAllowed(type, settings.chatWidget.allowedAttachmentTypes)) {
          throw uploadErrors.typeNotAllowed(`file content is ${type}, which this app does not accept`);
        }
        if (IMAGE_TYPES.includes(type)) {
          thumbnail = blobs.tempPath('.webp');
          await makeThumbnail(received.path, thumbnail).catch(() => {
            throw uploadErrors.typeNotAllowed(`file content is not a valid ${type} image`);
          });
        }
        const row = await blobs.commit(received.path, thumbnail, {
          appId: app.app_id,
          groupId,
          uploader: user.user_id,
          name: received.name,
          size: received.size,
          contentType: type,
          thumbnail: thumbnail !== undefined,
        });
        return success(toFileMeta(row));
      } finally {
        // Gone already when committed; removed here after any failure.
        await Promise.all([rm(received.path, { force: true }), thumbnail ? rm(thumbnail, { force: true }) : undefined]);
      }
    },
    WIDGET,
  );

  /** Who may read a file of which app: an Api-Key (the app), or a session (app and user). */
  async function reader(ctx: Ctx): Promise<{ app: AppRow; userId?: string; staff: boolean }> {
    if (ctx.header('api-key') !== undefined) return { app: await platformApp(deps, ctx), staff: true };
    const token = ctx.query.get('token') ?? bearerToken(ctx);
    const found = token ? await userForToken(deps, token) : undefined;
    if (!found) throw fail.invalidToken();
    return { app: found.app, userId: found.user.user_id, staff: isStaff(found.user.role) };
  }

  const serve = (thumbnail: boolean) => async (ctx: Ctx) => {
    const blobs = await ready;
    const who = await reader(ctx);
    const row: BlobRow | undefined = await blobs.find(who.app.app_id, ctx.params['blobKey'] ?? '');
    if (!row || (thumbnail && !row.thumbnail)) throw uploadErrors.notFound();
    if (!who.staff && !(who.userId && (await findMember(db, row.group_id, who.userId)))) throw fail.notMember();

    const path = blobs.filePath(row.blob_key, thumbnail);
    const inline = thumbnail || IMAGE_TYPES.includes(row.content_type);
    const type = thumbnail
      ? 'image/webp'
      : row.content_type === 'text/plain'
        ? 'text/plain; charset=utf-8'
        : row.content_type;
    const info = await stat(path).catch(() => undefined);
    if (!info) throw uploadErrors.notFound();
    ctx.res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(info.size),
      'Content-Disposition': disposition(inline ? 'inline' : 'attachment', row.name),
      'Cache-Control': 'private, max-age=86400',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Referrer-Policy': 'no-referrer',
      Vary: 'Origin',
      ...(ctx.origin
        ? { 'Access-Control-Allow-Origin': ctx.origin, 'Access-Control-Expose-Headers': 'Content-Disposition' }
        : {}),
    });
    await pipeFile(ctx.res, path);
    return null;
  };

  router.add('GET', '/files/:blobKey', serve(false), FILES);
  router.add('GET', '/files/:blobKey/thumbnail', serve(true), FILES);

  router.add(
    'GET',
    '/admin/v1/storage',
    async (ctx) => {
      requireAdmin(deps, ctx);
      const blobs = await ready;
      return success(await blobs.usage());
    },
    { cors: 'any', allowHeaders: 'Api-Key' },
  );
}
