import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { AbstractControl, FormControl, ReactiveFormsModule, ValidationErrors, ValidatorFn } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { UserSearch } from '../user-search';
import { UserSummary, describeUser } from '../user';
import { USER_SEARCH_MIN_LENGTH } from '../users-api';

/** The picker's control holds the chosen user, or the text typed while searching. */
export type UserPickerValue = UserSummary | string | null;

export function pickedUser(value: UserPickerValue): UserSummary | null {
  return value !== null && typeof value === 'object' ? value : null;
}

/** A user must be chosen from the suggestions (typed text alone is not a user). */
export const userRequired: ValidatorFn = (control: AbstractControl<UserPickerValue>): ValidationErrors | null =>
  pickedUser(control.value) ? null : { userRequired: true };

/** Empty is fine; typed text that was not turned into a choice is not. */
export const userOptional: ValidatorFn = (control: AbstractControl<UserPickerValue>): ValidationErrors | null => {
  const value = control.value;
  if (value === null || pickedUser(value)) return null;
  return typeof value === 'string' && value.trim() === '' ? null : { userRequired: true };
};

/**
 * Autocomplete over `GET /api/users`: searches usernames and display names from
 * USER_SEARCH_MIN_LENGTH characters on, shows the first page and asks for a narrower
 * text when more users match.
 */
@Component({
  selector: 'app-user-picker',
  imports: [MatAutocompleteModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, ReactiveFormsModule],
  providers: [UserSearch],
  template: `
    <mat-form-field class="field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="text"
        autocomplete="off"
        [formControl]="control()"
        [matAutocomplete]="suggestions"
        (focus)="search(text.value)"
        (input)="search(text.value)"
        #text
      />
      <mat-autocomplete #suggestions [displayWith]="display" autoActiveFirstOption>
        @for (user of results(); track user.id) {
          <mat-option [value]="user">
            {{ user.displayName }} <span class="secondary">{{ user.username }}{{ user.email ? ' · ' + user.email : '' }}</span>
          </mat-option>
        }
        @if (more()) {
          <mat-option class="more" disabled>More users match: refine your search</mat-option>
        }
      </mat-autocomplete>
      @if (loading()) {
        <mat-progress-bar class="searching" mode="indeterminate" aria-label="Searching users" />
      }
      @if (error(); as error) {
        <mat-hint class="search-error">{{ error.message }}</mat-hint>
      } @else if (tooShort()) {
        <mat-hint>Type at least {{ minLength }} characters of a username or name</mat-hint>
      } @else {
        <mat-hint>Search by username or name</mat-hint>
      }
      @if (control().hasError('userRequired')) {
        <mat-error>Choose a user from the suggestions</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
    .secondary {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .searching {
      position: absolute;
      inset: auto 0 0;
    }
    .search-error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserPicker {
  private readonly users = inject(UserSearch);

  readonly control = input.required<FormControl<UserPickerValue>>();
  readonly label = input('User');

  protected readonly minLength = USER_SEARCH_MIN_LENGTH;
  protected readonly results = this.users.results;
  protected readonly more = this.users.more;
  protected readonly tooShort = this.users.tooShort;
  protected readonly loading = this.users.loading;
  protected readonly error = this.users.error;

  protected readonly display = (value: UserPickerValue): string => {
    const user = pickedUser(value);
    if (user) return describeUser(user);
    return typeof value === 'string' ? value : '';
  };

  protected search(text: string): void {
    this.users.search(text);
  }
}
