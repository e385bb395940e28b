import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

import { LoggedSample } from '../logged-sample';
import { SampleImage } from '../sample-image';
import { DateTime } from '../../../shared/time/date-time';
import { DateTimePipe } from '../../../shared/time/date-time-pipe';

export interface SampleDialogData {
  readonly clientName: string;
  readonly sample: LoggedSample;
}

/** One logged image at full size with what is known about it. */
@Component({
  selector: 'app-sample-dialog',
  imports: [ DateTime, DateTimePipe,MatButtonModule, MatDialogModule, SampleImage],
  template: `
    <h2 mat-dialog-title>{{ data.sample.operation }}, frame {{ data.sample.frameIndex }}</h2>
    <mat-dialog-content>
      <img
        class="image"
        [appSampleImage]="data.sample.id"
        [clientName]="data.clientName"
        [alt]="'Image ' + data.sample.frameIndex + ' of ' + data.sample.operation + ' at ' + (data.sample.at | dateTime)"
      />
      <p class="facts">
        <app-date-time [value]="data.sample.at" /> · {{ data.sample.contentType }} · {{ data.sample.size }} bytes
        @if (data.sample.tokenId) {
          · token {{ data.sample.tokenId }}
        }
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .image {
      display: block;
      max-width: 100%;
      max-height: 70vh;
      margin: 0 auto;
    }
    .facts {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SampleDialog {
  protected readonly data = inject<SampleDialogData>(MAT_DIALOG_DATA);
}
