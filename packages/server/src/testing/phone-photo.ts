/** A phone photo as phones write them, for tests of the photo seam (concerns and evidence). */
import sharp from 'sharp';

/** 3000×2000 pixels taken sideways (EXIF orientation 6), with the phone model and a GPS position. */
export function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3b6e8f' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Huawei', Model: 'P60 Pro' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}
