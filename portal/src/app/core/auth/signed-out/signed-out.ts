import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { Router } from '@angular/router';

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
  private readonly router = inject(Router);

  protected readonly signInError = this.auth.signInError;

  constructor() {
    // Signing in from another tab signs this one in too.
    effect(() => {
      if (this.auth.isAuthenticated()) void this.router.navigateByUrl('/');
    });
  }

  protected signIn(): void {
    this.auth.signIn('/');
  }
}
