/**
 * How much one liveness attempt may bring, so that judging it costs a bounded amount of
 * worker time and memory. The playground sends at most 48 frames of 640x480 at JPEG
 * quality 0.8 (about 70 KB each with camera noise, 3.4 MB in all); these caps leave room
 * for other clients' 60 VGA frames.
 * - Each frame: a JPEG of at most 600,000 bytes and 1280x720 pixels (either orientation).
 * - All frames together: at most 60 x 640x480 pixels and 4,500,000 bytes of JPEG.
 * - The request body: base64 of that byte budget plus the JSON around 60 frames.
 */
export const maxFrames = 60;
export const maxFrameSide = 1280;
export const maxFramePixels = 1280 * 720;
export const maxAttemptPixels = maxFrames * 640 * 480;
export const maxFrameBytes = 600_000;
export const maxAttemptBytes = 4_500_000;

export const dataUrlPrefix = "data:image/jpeg;base64,";
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
export const maxFrameImageChars = dataUrlPrefix.length + base64Length(maxFrameBytes);
/** `{"t":…,"image":"…"},` around each frame's base64, generously. */
const frameJsonOverhead = 100;
export const livenessBodyLimitBytes = base64Length(maxAttemptBytes) + maxFrames * (dataUrlPrefix.length + frameJsonOverhead) + 1024;
