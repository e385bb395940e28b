import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';

import { AuthStore } from '../auth-store';

/**
 * Shown after signing out in another tab or after a sign-in that did not complete.
 * It never redirects to the IdP on its own; signing in again is the user's choice.
 */
@Component({
  selector: 'app-signed-out',
  imports: [MatButtonModule, MatCardModule],
  templateUrl: './signed-out.html',
  styleUrl: './signed-out.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignedOut {
  private readonly auth = inject(AuthStore);

  protected readonly signInError = this.auth.signInError;

  protected signIn(): void {
    this.auth.signIn('/');
  }
}
