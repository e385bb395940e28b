import { AppError } from "../errors.ts";

/**
 * How a worker task's result crosses the thread boundary. Thrown errors lose their class
 * and fields when cloned, so a refusal of the input (an AppError below 500) travels as
 * data and is thrown again on the main thread; anything else is thrown as it is.
 */
export type TaskOutcome<T> = { value: T } | { refused: { status: number; code: string; message: string } };

export async function outcomeOf<T>(work: () => T | Promise<T>): Promise<TaskOutcome<T>> {
  try {
    return { value: await work() };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return { refused: { status: error.status, code: error.code, message: error.message } };
    throw error;
  }
}
