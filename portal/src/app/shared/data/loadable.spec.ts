import { EnvironmentInjector, createEnvironmentInjector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ApiError } from '../../core/http/api-error';
import { Loadable } from './loadable';

describe('Loadable', () => {
  let injector: EnvironmentInjector;
  let loadable: Loadable<string>;

  beforeEach(() => {
    injector = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    loadable = runInInjectionContext(injector, () => new Loadable<string>());
  });

  afterEach(() => {
    if (!injector.destroyed) injector.destroy();
  });

  it('starts empty and idle', () => {
    expect(loadable.data()).toBeNull();
    expect(loadable.loading()).toBe(false);
    expect(loadable.error()).toBeNull();
  });

  it('is loading until the answer arrives, then holds the data', () => {
    const answer = new Subject<string>();

    loadable.load(answer);
    expect(loadable.loading()).toBe(true);

    answer.next('first');
    expect(loadable.data()).toBe('first');
    expect(loadable.loading()).toBe(false);
    expect(loadable.error()).toBeNull();
  });

  it('turns a failure into an ApiError and keeps the previous data', () => {
    const first = new Subject<string>();
    loadable.load(first);
    first.next('kept');

    const second = new Subject<string>();
    loadable.load(second);
    second.error(new HttpErrorResponse({ status: 403, error: { Message: 'Not yours.', Code: 'Forbidden' } }));

    const error = loadable.error();
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(403);
    expect(error?.message).toBe('Not yours.');
    expect(loadable.loading()).toBe(false);
    expect(loadable.data()).toBe('kept');
  });

  it('clears the error when the next request starts', () => {
    const failing = new Subject<string>();
    loadable.load(failing);
    failing.error(new ApiError(500, 'Broken'));

    loadable.load(new Subject<string>());

    expect(loadable.error()).toBeNull();
    expect(loadable.loading()).toBe(true);
  });

  it('keeps only the answer to the latest request', () => {
    const first = new Subject<string>();
    const second = new Subject<string>();

    loadable.load(first);
    loadable.load(second);

    expect(first.observed).toBe(false);
    first.next('stale');
    expect(loadable.data()).toBeNull();
    expect(loadable.loading()).toBe(true);

    second.next('latest');
    expect(loadable.data()).toBe('latest');
  });

  it('drops the request in flight when its injector is destroyed', () => {
    const answer = new Subject<string>();
    loadable.load(answer);

    injector.destroy();

    expect(answer.observed).toBe(false);
    answer.next('late');
    expect(loadable.data()).toBeNull();
  });

  it('replaces the data with set()', () => {
    loadable.set('saved');
    expect(loadable.data()).toBe('saved');
  });
});
