// Photos of a listing: stored on disk under DATA_DIR/photos with generated names, only after the caller is
// known to belong to the listing's organisation and the bytes decode as a JPEG, PNG or WebP image, which is then
// re-encoded without its metadata (photo-image.ts). Photos of a listing that is not published are served only
// to its organisation's members and council staff.
import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServicePhoto } from '@care-assist/domain';
import type { ServicePhotoRow } from '@care-assist/db';
import { NotFound, ValidationFailed } from '../../errors.ts';
import type { Actor } from '../../plugins/app/actor.ts';
import { actorCan, requireSignIn } from '../../access.ts';
import { requireMembership } from '../organisations/access.ts';
import type { OrganisationRepository } from '../organisations/repository.ts';
import { normalisePhoto } from './photo-image.ts';
import type { ListingRepository } from './repository.ts';

export interface PhotoUpload {
  bytes: Buffer;
  altText: string;
}

export const PHOTO_FILE_NAME = /^[0-9a-f-]{36}\.(jpg|png|webp)$/;

const toPhoto = (row: ServicePhotoRow): ServicePhoto => ({
  id: row.id,
  serviceId: row.serviceId,
  url: `/api/v1/photos/${row.fileName}`,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  altText: row.altText,
  createdAt: row.createdAt.toISOString(),
});

interface PhotoDeps {
  listings: ListingRepository;
  organisations: OrganisationRepository;
  photoDir: string;
  clock: () => Date;
}

export function createPhotoService({ listings, organisations, photoDir, clock }: PhotoDeps) {
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
      const photo = await normalisePhoto(bytes);

      const fileName = `${randomUUID()}.${photo.ext}`;
      await mkdir(photoDir, { recursive: true });
      const filePath = path.join(photoDir, fileName);
      await writeFile(filePath, photo.bytes, { flag: 'wx' });
      try {
        const row = await listings.insertPhoto({
          serviceId,
          fileName,
          contentType: photo.contentType,
          sizeBytes: photo.bytes.length,
          altText: alt,
          uploadedBy: who.userId,
          createdAt: clock(),
        });
        return toPhoto(row);
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
      return (await listings.photosOf(serviceId)).map(toPhoto);
    },

    /**
     * A photo as the caller may see it: anyone when its listing is published; otherwise (a draft, a listing
     * waiting for review, rejected or suspended) only members of its organisation and council staff. To anyone
     * else it does not exist. `public` says whether caches other than the caller's may keep it.
     */
    async find(
      actor: Actor | null,
      fileName: string,
    ): Promise<{ photo: ServicePhotoRow; public: boolean } | undefined> {
      if (!PHOTO_FILE_NAME.test(fileName)) return undefined;
      const row = await listings.photoByFileName(fileName);
      if (!row) return undefined;
      const record = await listings.findRecord(row.serviceId);
      if (!record) return undefined;
      if (record.service.status === 'published') return { photo: row, public: true };
      if (!actor) return undefined;
      const allowed =
        actorCan(actor, 'verify_providers') ||
        (await organisations.roleOf(record.organisation.id, actor.userId)) !== null;
      return allowed ? { photo: row, public: false } : undefined;
    },
  };
}
export type PhotoService = ReturnType<typeof createPhotoService>;
