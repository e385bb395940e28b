import {
  ChangeDetectionStrategy,
  Component,
  ViewContainerRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { LoggedSample } from '../logged-sample';
import { RangePicker } from '../range-picker/range-picker';
import { SampleDialog, SampleDialogData } from '../sample-dialog/sample-dialog';
import { SampleImage } from '../sample-image';
import { SAMPLES_PAGE_SIZE, SamplesStore } from '../samples-store';
import { DEFAULT_RANGE_SELECTION, resolveRange } from '../usage-range';
import { DateTime } from '../../../shared/time/date-time';
import { DateTimePipe } from '../../../shared/time/date-time-pipe';

/** A client's logged images, newest first, a page at a time; a click shows one at full size. */
@Component({
  selector: 'app-sample-gallery',
  imports: [ DateTime, DateTimePipe,EmptyState, ErrorState, MatPaginatorModule, MatProgressBarModule, RangePicker, SampleImage],
  providers: [SamplesStore],
  templateUrl: './sample-gallery.html',
  styleUrl: './sample-gallery.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SampleGallery {
  private readonly store = inject(SamplesStore);
  private readonly dialog = inject(MatDialog);
  private readonly viewContainerRef = inject(ViewContainerRef);

  readonly clientName = input.required<string>();
  /** The client's "log images" setting, to explain an empty gallery. */
  readonly logImages = input.required<boolean>();

  protected readonly pageSize = SAMPLES_PAGE_SIZE;
  protected readonly selection = signal(DEFAULT_RANGE_SELECTION);
  protected readonly range = computed(() => resolveRange(this.selection()));
  protected readonly page = this.store.data;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly pageIndex = computed(() => Math.floor((this.store.query()?.skip ?? 0) / this.pageSize));

  constructor() {
    effect(() => {
      const clientName = this.clientName();
      const range = this.range();
      if (range) {
        untracked(() =>
          this.store.setQuery(clientName, { from: range.from, to: range.to, skip: 0, take: this.pageSize }),
        );
      }
    });
  }

  protected changePage(page: PageEvent): void {
    this.store.updateQuery({ skip: page.pageIndex * page.pageSize });
  }

  protected retry(): void {
    this.store.load();
  }

  protected enlarge(sample: LoggedSample): void {
    this.dialog.open<SampleDialog, SampleDialogData>(SampleDialog, {
      data: { clientName: this.clientName(), sample },
      viewContainerRef: this.viewContainerRef,
      maxWidth: '90vw',
    });
  }
}
