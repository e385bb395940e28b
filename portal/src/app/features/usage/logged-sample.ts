import { asObject, readArray, readNullableString, readNumber, readString } from '../../core/http/json-parse';

/** One image a client sent, kept because the client's "log images" setting was on. */
export interface LoggedSample {
  readonly id: string;
  readonly at: string;
  readonly operation: string;
  readonly tokenId: string | null;
  /** Position of the image among the frames of its call. */
  readonly frameIndex: number;
  readonly contentType: string;
  /** Bytes. */
  readonly size: number;
}

/** `GET /api/clients/:name/samples`: one page, newest first. */
export interface SamplePage {
  readonly total: number;
  readonly skip: number;
  readonly take: number;
  readonly entries: readonly LoggedSample[];
}

export function parseSamplePage(body: unknown): SamplePage {
  const what = 'samples';
  const page = asObject(body, what);
  return {
    total: readNumber(page, 'total', what),
    skip: readNumber(page, 'skip', what),
    take: readNumber(page, 'take', what),
    entries: readArray(page, 'entries', what, (value, itemWhat) => {
      const sample = asObject(value, itemWhat);
      return {
        id: readString(sample, 'id', itemWhat),
        at: readString(sample, 'at', itemWhat),
        operation: readString(sample, 'operation', itemWhat),
        tokenId: readNullableString(sample, 'tokenId', itemWhat),
        frameIndex: readNumber(sample, 'frameIndex', itemWhat),
        contentType: readString(sample, 'contentType', itemWhat),
        size: readNumber(sample, 'size', itemWhat),
      };
    }),
  };
}
