/**
 * Reads files the user picked, in the browser (nothing is uploaded until the form is sent).
 * FileReader rather than Blob.text(): it is available everywhere the portal runs, test DOMs included.
 */
export function readFileAsText(file: Blob): Promise<string> {
  return read(file, (reader) => reader.readAsText(file));
}

/** The file's bytes as base64 without the data-URL prefix (PKCS#12 uploads). */
export async function readFileAsBase64(file: Blob): Promise<string> {
  const dataUrl = await read(file, (reader) => reader.readAsDataURL(file));
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

function read(file: Blob, start: (reader: FileReader) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error(`The file could not be read (${file.size} bytes).`));
    start(reader);
  });
}
