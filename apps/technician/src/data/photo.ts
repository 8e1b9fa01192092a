/** The longest side of a photo sent from the phone: enough to read a serial plate, small enough for 4G. */
export const maxPhotoSide = 1600;
const jpegQuality = 0.85;

/**
 * Downscales a camera photo on the phone to at most 1600 px on its longest side and
 * re-encodes it as JPEG, so a 12-megapixel shot leaves as a few hundred kilobytes.
 */
export async function downscalePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxPhotoSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2D is not available');
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))),
      'image/jpeg',
      jpegQuality,
    ),
  );
}
