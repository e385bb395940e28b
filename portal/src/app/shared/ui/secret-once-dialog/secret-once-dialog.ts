import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';

/**
 * A Web API key's credentials right after create or rotate. The dialog clears `appSecret`
 * when it closes, so the secret lives only as long as the dialog that shows it.
 */
export interface SecretOnceDialogData {
  readonly appId: string;
  appSecret: string;
}

type Copied = 'appId' | 'appSecret' | null;

/**
 * Shows an App-Secret the one time the BFF returns it (it keeps only a hash).
 * Closing takes an explicit button: a stray click on the backdrop must not lose the secret.
 */
@Component({
  selector: 'app-secret-once-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule],
  templateUrl: './secret-once-dialog.html',
  styleUrl: './secret-once-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecretOnceDialog {
  private readonly data = inject<SecretOnceDialogData>(MAT_DIALOG_DATA);
  private readonly clipboard = inject(Clipboard);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly appId = this.data.appId;
  protected readonly appSecret = signal(this.data.appSecret);
  protected readonly copied = signal<Copied>(null);
  protected readonly copyFailed = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.appSecret.set('');
      this.data.appSecret = '';
    });
  }

  protected copy(what: Exclude<Copied, null>): void {
    const text = what === 'appId' ? this.appId : this.appSecret();
    const copied = this.clipboard.copy(text);
    this.copyFailed.set(!copied);
    this.copied.set(copied ? what : null);
    void this.announcer.announce(
      copied ? `${what === 'appId' ? 'App-ID' : 'App-Secret'} copied to the clipboard` : 'Copying failed; select the text and copy it by hand',
    );
  }
}

/** Shows the secret; resolves when the user has closed the dialog. */
export async function showSecretOnce(dialog: MatDialog, data: SecretOnceDialogData): Promise<void> {
  const ref = dialog.open<SecretOnceDialog, SecretOnceDialogData>(SecretOnceDialog, {
    data,
    disableClose: true,
    width: '36rem',
    autoFocus: 'dialog',
  });
  await firstValueFrom(ref.afterClosed());
}
