import { ResponseShapeError, asObject, readArray, readNumber, readString } from '../../core/http/json-parse';

/** The templates one class has enrolled for one trait (Face, Periocular, Voice). */
export interface TraitTemplates {
  readonly trait: string;
  readonly templates: number;
}

/** A class enrolled with a client, as the portal's index of the installation knows it. */
export interface BiometricClass {
  /** "storage.partition.classId", the Biometric Class ID BWS reports. */
  readonly bcid: string;
  readonly classId: number;
  readonly traits: readonly TraitTemplates[];
  readonly enrolledAt: string;
  readonly updatedAt: string;
}

export function parseBiometricClass(value: unknown, what = 'class'): BiometricClass {
  const source = asObject(value, what);
  return {
    bcid: readString(source, 'bcid', what),
    classId: readNumber(source, 'classId', what),
    traits: readArray(source, 'traits', what, (item, itemWhat) => {
      const traitTemplates = asObject(item, itemWhat);
      return {
        trait: readString(traitTemplates, 'trait', itemWhat),
        templates: readNumber(traitTemplates, 'templates', itemWhat),
      };
    }),
    enrolledAt: readString(source, 'enrolledAt', what),
    updatedAt: readString(source, 'updatedAt', what),
  };
}

/** `GET /api/clients/:name/classes`: a bare array, ordered by class id. */
export function parseClassList(body: unknown): readonly BiometricClass[] {
  if (!Array.isArray(body)) throw new ResponseShapeError('classes', 'an array');
  return body.map((item, index) => parseBiometricClass(item, `classes[${index}]`));
}

/** `GET /api/clients/:name/:trait/classcount`: a bare number. */
export function parseClassCount(body: unknown): number {
  if (typeof body !== 'number' || !Number.isInteger(body) || body < 0) {
    throw new ResponseShapeError('classcount', 'a whole number');
  }
  return body;
}

/** The `{ Message }` answer to a class or pattern delete, which says where the delete goes. */
export function parseDeleteAnswer(body: unknown): string {
  return readString(asObject(body, 'delete answer'), 'Message', 'delete answer');
}

/** "Face ×3, Periocular ×2". */
export function describeTraits(traits: readonly TraitTemplates[]): string {
  return traits.map(({ trait, templates }) => `${trait} ×${templates}`).join(', ');
}
