// What a listing photo becomes before it is stored (issue 13): the real type checked from the bytes with
// file-type (the declared type and name mean nothing), then decoded and re-encoded with sharp. Re-encoding drops
// every piece of metadata the camera wrote (EXIF, including the GPS position of a care home's garden or a
// resident's room, XMP, IPTC, comments) and anything hidden after the image data; it also bounds the size in
// pixels (a 100-megapixel "decompression bomb" is refused before it is decoded) and normalises the format:
// JPEGs stay JPEG, PNG and WebP become WebP (keeping transparency).
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { HttpProblem } from '../../errors.ts';

/** Refuse to decode more pixels than this (about a 40-megapixel photo): phones take 12 to 48 MP. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The longest side of a stored photo; larger photos are scaled down (pages show them at 800 px at most). */
export const MAX_STORED_SIDE = 2000;

export interface NormalisedPhoto {
  bytes: Buffer;
  contentType: 'image/jpeg' | 'image/webp';
  ext: 'jpg' | 'webp';
  width: number;
  height: number;
}

const unsupported = (detail: string) => new HttpProblem(415, 'Unsupported media type', detail);

export async function normalisePhoto(input: Buffer): Promise<NormalisedPhoto> {
  const detected = await fileTypeFromBuffer(input);
  if (!detected || !['image/jpeg', 'image/png', 'image/webp'].includes(detected.mime)) {
    throw unsupported('Upload a JPEG, PNG or WebP image.');
  }
  const asJpeg = detected.mime === 'image/jpeg';
  try {
    const image = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      // Turn the picture the way the camera's orientation tag said, before the tag is dropped with the rest.
      .rotate()
      .resize({ width: MAX_STORED_SIDE, height: MAX_STORED_SIDE, fit: 'inside', withoutEnlargement: true });
    const { data, info } = await (asJpeg ? image.jpeg({ quality: 85 }) : image.webp({ quality: 85 })).toBuffer({
      resolveWithObject: true,
    });
    return {
      bytes: data,
      contentType: asJpeg ? 'image/jpeg' : 'image/webp',
      ext: asJpeg ? 'jpg' : 'webp',
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      throw unsupported(`The image is too large: at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`);
    }
    throw unsupported('The file could not be read as a JPEG, PNG or WebP image.');
  }
}
