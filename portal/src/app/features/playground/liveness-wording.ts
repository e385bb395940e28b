import type { Direction } from '../../../../../common/face/head-pose.js';
import type { LivenessError } from '../../../../../common/face/liveness.js';

/**
 * What the playground tells the user, in one place. Directions are the user's own: "left"
 * is the user's left, which is the screen's left in the mirrored preview, so its arrow
 * points left.
 */
export const DIRECTIONS: readonly Direction[] = ['up', 'down', 'left', 'right'];

export const CHALLENGE_WORDS: Readonly<Record<Direction, string>> = {
  left: 'Turn your head to the left',
  right: 'Turn your head to the right',
  up: 'Tilt your head up',
  down: 'Tilt your head down',
};

export const DIRECTION_NAMES: Readonly<Record<Direction, string>> = {
  left: 'Left',
  right: 'Right',
  up: 'Up',
  down: 'Down',
};

export const DIRECTION_ARROWS: Readonly<Record<Direction, string>> = {
  left: '←',
  right: '→',
  up: '↑',
  down: '↓',
};

/** The verdicts the BWS answers with (ErrorString), explained. */
export const LIVENESS_ERROR_WORDS: Readonly<Record<LivenessError, string>> = {
  NotEnoughSamples: 'Too few frames showed a face. Keep your face in view for the whole attempt.',
  NoFaceFound: 'No face was found in the frames. Face the camera in good light.',
  ChallengeResponseFailed: 'The head turns did not follow the challenges in time.',
  LiveDetectionFailed: 'The movement did not show a live, three-dimensional face.',
};

export function livenessErrorWords(errorString: string): string {
  const known = Object.entries(LIVENESS_ERROR_WORDS).find(([code]) => code === errorString);
  return known ? known[1] : `The service answered ${errorString}.`;
}

export function isDirection(value: unknown): value is Direction {
  return DIRECTIONS.some((direction) => direction === value);
}
