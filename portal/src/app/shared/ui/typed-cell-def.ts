import { Directive, input } from '@angular/core';

/**
 * Gives `let row` in a mat-table cell template the row type, which MatCellDef leaves untyped:
 * `<td mat-cell *matCellDef="let client; of: clients">`.
 */
@Directive({ selector: '[matCellDef][matCellDefOf]' })
export class TypedCellDef<T> {
  readonly matCellDefOf = input.required<readonly T[]>();

  static ngTemplateContextGuard<T>(_directive: TypedCellDef<T>, context: unknown): context is { $implicit: T } {
    return true;
  }
}
