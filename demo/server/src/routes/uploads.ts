/**
 * Attachments over HTTP:
 *
 * - `POST /widget/v1/uploads?groupId=…` (Bearer session; multipart/form-data with one `file`
 *   part): a visitor must be a member of the conversation, staff must be allowed to see it
 *   (operators: theirs, or all under "notify everybody"), and the app must allow attachments.
 *   The file is streamed to a temporary file of this process, checked against `maxAttachmentSize` (MB), the app's storage
 *   quota and, by content, `allowedAttachmentTypes`; images get a thumbnail. Answers the
 *   `FileMeta` to send as a message (`contentType` 1).
 * - `GET /files/:blobKey` and `/files/:blobKey/thumbnail`: the file, for members of its
 *   conversation (`?token=<session token>` or `Authorization: Bearer`), staff who may see that
 *   conversation, or the app's `Api-Key`. 401 without credentials, 404 PL-U-04 for an unknown
 *   key, 403 PL-S-02 for a visitor outside the conversation, 403 PL-S-03 for staff who may not
 *   see it.
 * - `GET /admin/v1/storage` (admin key): stored files, bytes, unfinished uploads.
 *
 * Uploads no message refers to are removed once older than a grace period (`StorageOptions`).
 * Where the bytes live (`StorageOptions.store`, `blob-store.ts`): files in a folder, or the
 * database, so that every process of a deployment reads every upload.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { maxBytes, typeAllowed } from '../../../../src/core/attachments.js';
import { IMAGE_TYPES, makeThumbnail, receiveFile, uploadErrors } from '../blobs.js';
import { Blobs, toFileMeta } from '../blob-store.js';
import type { BlobRow, BlobStoreKind } from '../blob-store.js';
import { DatabaseBlobStore } from '../blob-store-database.js';
import { FileBlobStore, TempUploads } from '../blob-store-files.js';
import { requireVisible } from '../access.js';
import { bearerToken, platformApp, requireAdmin, userForRequest, widgetSession } from '../context.js';
import type { Deps } from '../context.js';
import type { ConversationActions } from '../conversation-actions.js';
import { fail } from '../errors.js';
import { success } from '../http.js';
import type { Ctx, Router } from '../http.js';
import type { AppRow } from '../repo/apps.js';
import { findMember } from '../repo/conversations.js';
import type { UserRow } from '../repo/users.js';
import { isHumanStaff } from '../rules.js';

const WIDGET = { cors: 'app', allowHeaders: 'Content-Type, Authorization' } as const;
const FILES = { cors: 'any', allowHeaders: 'Authorization, Api-Key' } as const;

/** `attachment; filename=…` with an ASCII fallback and the UTF-8 name (RFC 6266 / 8187). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface StorageOptions {
  /** Bytes an app's stored files may take in all (thumbnails not counted); 0 = no quota. 1 GiB. */
  quotaBytes: number;
  /** Uploads no message refers to are removed once older than this; 0 = kept for ever. 24 h. */
  unreferencedGraceMs: number;
  /**
   * Where new uploads' bytes go: `files` (a folder) or `database` (`blob_parts`). startServer's
   * default: `database` with a PostgreSQL URL, else `files`.
   */
  store: BlobStoreKind;
  /** The folder of the `files` store (and of temporary files): `<dataDir>/blobs` unless given. */
  dir: string | undefined;
}

export const DEFAULT_STORAGE: Readonly<StorageOptions> = {
  quotaBytes: 1024 ** 3,
  unreferencedGraceMs: 24 * 60 * 60 * 1000,
  store: 'files',
  dir: undefined,
};

/** How often unreferenced uploads are looked for: a tenth of the grace period, 1 s to 15 min. */
export function uploadSweepIntervalMs(graceMs: number): number {
  return Math.min(15 * 60 * 1000, Math.max(1000, Math.round(graceMs / 10)));
}

export interface Uploads {
  /** Removes the unreferenced uploads past their grace period now; answers how many. */
  sweep(): Promise<number>;
  /** Stops the sweep (waiting for one under way). */
  close(): Promise<void>;
}

/**
 * Registers the upload and file routes and starts the sweep of unreferenced uploads. The `files`
 * store and temporary files live in `storage.dir`, else `<dataDir>/blobs` (a temporary folder when
 * the database is in memory).
 */
export function uploadRoutes(
  router: Router,
  deps: Deps,
  dataDir: string | undefined,
  options: { actions: Pick<ConversationActions, 'rules'>; storage?: Partial<StorageOptions> | undefined },
): Uploads {
  const { db, chat } = deps;
  const quotaBytes = options.storage?.quotaBytes ?? DEFAULT_STORAGE.quotaBytes;
  const unreferencedGraceMs = options.storage?.unreferencedGraceMs ?? DEFAULT_STORAGE.unreferencedGraceMs;
  const ready = (async () => {
    const root =
      options.storage?.dir ??
      (dataDir === undefined ? await mkdtemp(join(tmpdir(), 'parley-blobs-')) : join(dataDir, 'blobs'));
    const temp = new TempUploads(root);
    await temp.init();
    const stores = { files: new FileBlobStore(root), database: new DatabaseBlobStore(db) };
    return new Blobs(db, options.storage?.store ?? DEFAULT_STORAGE.store, stores, temp);
  })();
  ready.catch((err: unknown) => deps.log.error('attachment storage is unavailable', err));

  /** 403 PL-S-03 unless the staff member may see the conversation (404 AL-G-01 when there is none). */
  async function requireStaffSees(app: AppRow, staff: UserRow, groupId: string): Promise<void> {
    const conv = await chat.findGroup(app.app_id, { groupId });
    requireVisible({ app, staff }, conv, await options.actions.rules(app.app_id));
  }

  router.add(
    'POST',
    '/widget/v1/uploads',
    async (ctx) => {
      const blobs = await ready;
      const { app, settings, user } = await widgetSession(deps, ctx);
      const groupId = ctx.query.get('groupId') ?? '';
      if (groupId.trim() === '') throw fail.missingField('groupId');
      if (!settings.chatWidget.attachment) throw fail.forbidden('attachments are turned off for this app');
      if (user.role === 'bot') throw fail.forbidden('bots cannot upload');
      if (isHumanStaff(user.role)) await requireStaffSees(app, user, groupId);
      else await chat.requireMember(app.app_id, groupId, user.user_id);

      const limit = maxBytes({ maxMB: settings.chatWidget.maxAttachmentSize });
      const declared = Number(ctx.header('content-length') ?? NaN);
      // Multipart framing adds a little; anything far beyond the limit is refused unread.
      if (Number.isFinite(declared) && declared > limit + 64 * 1024) throw uploadErrors.tooLarge(limit);
      if (quotaBytes > 0) {
        // Refused unread when the quota is used up, or the declared length cannot fit even
        // without its framing; otherwise the commit below checks the real size.
        const used = await blobs.appBytes(app.app_id);
        if (used >= quotaBytes || (Number.isFinite(declared) && used + declared - 64 * 1024 > quotaBytes))
          throw uploadErrors.quotaExceeded(quotaBytes);
      }

      const received = await receiveFile(ctx.req, await blobs.tempPath(), limit);
      let thumbnail: string | undefined;
      try {
        if (received.size === 0) throw uploadErrors.empty();
        const type = received.type;
        if (!type) throw uploadErrors.typeNotAllowed('file content is not of a recognised type');
        if (!typeAllowed(type, settings.chatWidget.allowedAttachmentTypes)) {
          throw uploadErrors.typeNotAllowed(`file content is ${type}, which this app does not accept`);
        }
        if (IMAGE_TYPES.includes(type)) {
          thumbnail = await blobs.tempPath('.webp');
          await makeThumbnail(received.path, thumbnail).catch(() => {
            throw uploadErrors.typeNotAllowed(`file content is not a valid ${type} image`);
          });
        }
        const row = await blobs.commit(
          received.path,
          thumbnail,
          {
            appId: app.app_id,
            groupId,
            uploader: user.user_id,
            name: received.name,
            size: received.size,
            contentType: type,
          },
          quotaBytes,
        );
        return success(toFileMeta(row));
      } finally {
        // Gone already when committed; removed here after any failure.
        await Promise.all([rm(received.path, { force: true }), thumbnail ? rm(thumbnail, { force: true }) : undefined]);
      }
    },
    WIDGET,
  );

  /** Who reads a file of which app: an Api-Key (the app: every file), or a session's user. */
  async function reader(ctx: Ctx): Promise<{ app: AppRow; user?: UserRow }> {
    if (ctx.header('api-key') !== undefined) return { app: await platformApp(deps, ctx) };
    const token = ctx.query.get('token') ?? bearerToken(ctx);
    const found = token ? await userForRequest(deps, ctx, token) : undefined;
    if (!found) throw fail.invalidToken();
    return { app: found.app, user: found.user };
  }

  const serve = (thumbnail: boolean) => async (ctx: Ctx) => {
    const blobs = await ready;
    const who = await reader(ctx);
    const row: BlobRow | undefined = await blobs.find(who.app.app_id, ctx.params['blobKey'] ?? '');
    if (!row || (thumbnail && !row.thumbnail)) throw uploadErrors.notFound();
    // Staff as the conversation's visibility says; visitors (and bots) as its members.
    if (who.user && isHumanStaff(who.user.role)) await requireStaffSees(who.app, who.user, row.group_id);
    else if (who.user && !(await findMember(db, row.group_id, who.user.user_id))) throw fail.notMember();

    const inline = thumbnail || IMAGE_TYPES.includes(row.content_type);
    const type = thumbnail
      ? 'image/webp'
      : row.content_type === 'text/plain'
        ? 'text/plain; charset=utf-8'
        : row.content_type;
    const content = await blobs.open(row, thumbnail ? 'thumbnail' : 'file');
    if (!content) throw uploadErrors.notFound();
    ctx.res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': String(content.size),
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
    // A failure half-way (a part removed meanwhile) cuts the answer off: its length tells the client.
    await pipeline(content.stream(), ctx.res).catch(() => ctx.res.destroy());
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

  const sweep = async (): Promise<number> => {
    const removed = await (await ready).sweepUnreferenced(unreferencedGraceMs);
    if (removed > 0) deps.log.info(`removed ${removed} upload(s) no message refers to`);
    return removed;
  };
  let sweeping: Promise<unknown> | undefined;
  const timer =
    unreferencedGraceMs > 0
      ? setInterval(() => {
          sweeping ??= sweep()
            .catch((err: unknown) => deps.log.error('the sweep of unreferenced uploads failed', err))
            .finally(() => {
              sweeping = undefined;
            });
        }, uploadSweepIntervalMs(unreferencedGraceMs))
      : undefined;
  timer?.unref();

  return {
    sweep,
    async close() {
      clearInterval(timer);
      await sweeping;
      await (await ready.catch(() => undefined))?.temp.close();
    },
  };
}
