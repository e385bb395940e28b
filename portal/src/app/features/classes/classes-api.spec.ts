import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';

import { ResponseShapeError } from '../../core/http/json-parse';
import { CLASS_VIEW } from '../../testing/api-samples';
import { describeTraits } from './biometric-class';
import { ClassesApi } from './classes-api';

const CLIENT_URL = '/api/clients/demo%20client';

describe('ClassesApi', () => {
  let api: ClassesApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ClassesApi);
    backend = TestBed.inject(HttpTestingController);
  });

  it('lists up to 1,000 classes of the client by default and parses the bare array', async () => {
    const classes = firstValueFrom(api.list('demo client'));

    const request = backend.expectOne((candidate) => candidate.url === `${CLIENT_URL}/classes`);
    expect(request.request.method).toBe('GET');
    expect(request.request.params.get('maxclasses')).toBe('1000');
    request.flush([CLASS_VIEW]);

    expect(await classes).toEqual([CLASS_VIEW]);
  });

  it('asks for another maximum when given one', () => {
    api.list('demo client', 5).subscribe();

    const request = backend.expectOne((candidate) => candidate.url === `${CLIENT_URL}/classes`);
    expect(request.request.params.get('maxclasses')).toBe('5');
    request.flush([]);
  });

  it.each([
    ['an object instead of the array', { items: [CLASS_VIEW] }],
    ['a class without bcid', [{ ...CLASS_VIEW, bcid: undefined }]],
    ['a class id as text', [{ ...CLASS_VIEW, classId: '42' }]],
    ['traits that are not a list', [{ ...CLASS_VIEW, traits: 'Face' }]],
    ['a template count as text', [{ ...CLASS_VIEW, traits: [{ trait: 'Face', templates: '3' }] }]],
  ])('rejects a class list with %s', async (_case, body) => {
    const classes = firstValueFrom(api.list('demo client'));
    backend.expectOne((candidate) => candidate.url === `${CLIENT_URL}/classes`).flush(body);

    await expect(classes).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it('reads the Face class count as a bare number', async () => {
    const count = firstValueFrom(api.faceClassCount('demo client'));

    backend.expectOne(`${CLIENT_URL}/Face/classcount`).flush(17);

    expect(await count).toBe(17);
  });

  it.each([
    ['an object', { count: 17 }],
    ['a negative number', -1],
    ['a fraction', 1.5],
  ])('rejects a Face class count that is %s', async (_case, body) => {
    const count = firstValueFrom(api.faceClassCount('demo client'));
    backend.expectOne(`${CLIENT_URL}/Face/classcount`).flush(body);

    await expect(count).rejects.toBeInstanceOf(ResponseShapeError);
  });

  it("deletes a class with DELETE and answers the BFF's Message", async () => {
    const message = firstValueFrom(api.deleteClass('demo client', 42));

    const request = backend.expectOne(`${CLIENT_URL}/classes/42`);
    expect(request.request.method).toBe('DELETE');
    request.flush({ Message: 'queued' }, { status: 202, statusText: 'Accepted' });

    expect(await message).toBe('queued');
  });

  it("deletes one trait's templates under the class's path", async () => {
    const message = firstValueFrom(api.deleteTemplates('demo client', 42, 'Periocular'));

    const request = backend.expectOne(`${CLIENT_URL}/classes/42/Periocular`);
    expect(request.request.method).toBe('DELETE');
    request.flush({ Message: 'Periocular queued' }, { status: 202, statusText: 'Accepted' });

    expect(await message).toBe('Periocular queued');
  });

  it('rejects a delete answer without Message', async () => {
    const message = firstValueFrom(api.deleteClass('demo client', 42));
    backend.expectOne(`${CLIENT_URL}/classes/42`).flush({}, { status: 202, statusText: 'Accepted' });

    await expect(message).rejects.toBeInstanceOf(ResponseShapeError);
  });
});

describe('describeTraits', () => {
  it('writes each trait with its template count', () => {
    expect(describeTraits(CLASS_VIEW.traits)).toBe('Face ×3, Periocular ×2');
    expect(describeTraits([])).toBe('');
  });
});
