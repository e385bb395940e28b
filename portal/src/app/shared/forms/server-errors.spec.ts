import { FormControl, FormGroup, Validators } from '@angular/forms';
import { describe, expect, it } from 'vitest';

import { ApiError } from '../../core/http/api-error';
import { placeServerError, serverError } from './server-errors';

function form() {
  return new FormGroup({
    name: new FormControl('demo-client', { nonNullable: true, validators: Validators.required }),
    partition: new FormControl<number | null>(3),
  });
}

describe('placeServerError', () => {
  it('puts a taken name on the name field and leaves nothing for the form', () => {
    const group = form();
    const left = placeServerError(group, new ApiError(409, "A client named 'demo-client' already exists.", 'Conflict'), [
      { control: 'name', matches: /named '.*' already exists/ },
    ]);

    expect(left).toBeNull();
    expect(serverError(group.controls.name)).toBe("A client named 'demo-client' already exists.");
    expect(group.controls.name.touched).toBe(true);
    expect(group.invalid).toBe(true);
  });

  it('splits a validation answer by field and keeps what names no field', () => {
    const group = form();
    const left = placeServerError(
      group,
      new ApiError(400, 'partition: must be at most 99999; expiresAt: must be in the future', 'BadRequest'),
    );

    expect(serverError(group.controls.partition)).toBe('Must be at most 99999');
    expect(left).toBe('expiresAt: must be in the future');
  });

  it('clears the server error once the user edits the field', () => {
    const group = form();
    placeServerError(group, new ApiError(409, "A client named 'demo-client' already exists."), [
      { control: 'name', matches: /already exists/ },
    ]);

    group.controls.name.setValue('other-client');

    expect(serverError(group.controls.name)).toBeNull();
    expect(group.valid).toBe(true);
  });

  it('leaves server failures and unreachable servers to the form', () => {
    const group = form();
    expect(placeServerError(group, new ApiError(0, 'The server could not be reached.'))).toBe('The server could not be reached.');
    expect(group.controls.name.errors).toBeNull();
  });
});
