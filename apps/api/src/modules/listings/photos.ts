// Photos of a listing: stored on disk under DATA_DIR/photos with generated names, only after the caller is
// known to belong to the listing's organisation and the bytes are known to be a JPEG, PNG or WebP image.
// The declared content type is not trusted; the file's first bytes decide.
import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { PHOTO_LIMITS, type ServicePhoto } from '@care-assist/domain';
import { servicePhotos, type Database } from '@care-assist/db';
import { HttpProblem, NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { requireSignIn } from '../../access.ts';
import { requireMembership } from '../organisations/access.ts';
import type { OrganisationRepository } from '../organisations/repository.ts';
import type { ListingRepository } from './repository.ts';

export interface PhotoUpload {
  bytes: Buffer;
  altText: string;
}

const SIGNATURES: { type: (typeof PHOTO_LIMITS.types)[number]; ext: string; matches: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', ext: 'jpg', matches: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    ext: 'png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/webp',
    ext: 'webp',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export const PHOTO_FILE_NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

type PhotoRow = typeof servicePhotos.$inferSelect;
const toPhoto = (row: PhotoRow): ServicePhoto => ({
  id: row.id,
  serviceId: row.serviceId,
  url: `/api/v1/photos/${row.fileName}`,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  altText: row.altText,
  createdAt: row.createdAt.toISOString(),
});

interface PhotoDeps {
  db: Database;
  listings: ListingRepository;
  organisations: OrganisationRepository;
  photoDir: string;
  clock: () => Date;
}

export function createPhotoService({ db, listings, organisations, photoDir, clock }: PhotoDeps) {
  return {
    photoDir,

    /** `read` is only called once the caller may add photos, so nobody else's upload is even read. */
    async add(actor: Actor | null, serviceId: string, read: () => Promise<PhotoUpload>): Promise<ServicePhoto> {
      const who = requireSignIn(actor);
      const record = await listings.findRecord(serviceId);
      if (!record) throw new NotFound('There is no listing with that id.');
      await requireMembership(organisations, who, record.organisation.id);

      const { bytes, altText } = await read();
      const alt = altText.trim();
      if (alt.length < 3 || alt.length > 300) {
        throw new ValidationFailed('Describe the photo for people who cannot see it.', [
          { field: 'altText', message: 'Describe the photo in 3 to 300 characters' },
        ]);
      }
      const kind = SIGNATURES.find((s) => s.matches(bytes));
      if (!kind) throw new HttpProblem(415, 'Unsupported media type', 'Upload a JPEG, PNG or WebP image.');

      const fileName = `${randomUUID()}.${kind.ext}`;
      await mkdir(photoDir, { recursive: true });
      const filePath = path.join(photoDir, fileName);
      await writeFile(filePath, bytes, { flag: 'wx' });
      try {
        const [row] = await db
          .insert(servicePhotos)
          .values({
            serviceId,
            fileName,
            contentType: kind.type,
            sizeBytes: bytes.length,
            altText: alt,
            uploadedBy: who.userId,
            createdAt: clock(),
          })
          .returning();
        return toPhoto(row!);
      } catch (error) {
        await unlink(filePath).catch(() => {});
        throw error;
      }
    },

    async list(actor: Actor | null, serviceId: string): Promise<ServicePhoto[]> {
      const who = requireSignIn(actor);
      const record = await listings.findRecord(serviceId);
      if (!record) throw new NotFound('There is no listing with that id.');
      await requireMembership(organisations, who, record.organisation.id);
      return (await db.select().from(servicePhotos).where(eq(servicePhotos.serviceId, serviceId))).map(toPhoto);
    },

    async find(fileName: string): Promise<PhotoRow | undefined> {
      if (!PHOTO_FILE_NAME.test(fileName)) return undefined;
      const [row] = await db.select().from(servicePhotos).where(eq(servicePhotos.fileName, fileName));
      return row;
    },
  };
}
export type PhotoService = ReturnType<typeof createPhotoService>;
