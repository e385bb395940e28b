import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { AuthStore } from '../../auth/auth-store';
import { canReadAudit } from '../../auth/me';
import { GlobalSearch } from '../../../features/search/global-search/global-search';
import { TimeZoneStore } from '../../../shared/time/time-zone-store';
import { ThemeStore } from '../theme-store';

/** Below this width the navigation overlays the page instead of sitting beside it. */
const NARROW_SCREEN = '(max-width: 959.98px)';

interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
}

/** The frame around every signed-in page: toolbar, account menu and navigation. */
@Component({
  selector: 'app-shell',
  imports: [
    GlobalSearch,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSidenavModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly theme = inject(ThemeStore);
  private readonly zones = inject(TimeZoneStore);

  protected readonly me = this.auth.me;
  protected readonly loadingMe = this.auth.loading;
  protected readonly narrowScreen = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_SCREEN)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly darkTheme = computed(() => this.theme.scheme() === 'dark');
  protected readonly utcTimes = computed(() => this.zones.choice() === 'utc');
  protected readonly localZone = this.zones.localZone;

  /**
   * Installations are offered to platform administrators and to users holding a role on one;
   * the audit log to administrators and Owners (others would only ever see an empty log);
   * the playground to everyone, as every client reader may try liveness detection;
   * the overview of all traffic to platform administrators only.
   */
  protected readonly navLinks = computed<readonly NavLink[]>(() => {
    const me = this.me();
    const links: NavLink[] = [];
    if (me?.isPlatformAdmin) links.push({ path: '/overview', label: 'Overview', icon: 'dashboard' });
    links.push({ path: '/clients', label: 'Clients', icon: 'group' });
    if (me && (me.isPlatformAdmin || me.installations.length > 0)) {
      links.push({ path: '/installations', label: 'Installations', icon: 'dns' });
    }
    if (me && canReadAudit(me)) links.push({ path: '/audit', label: 'Audit log', icon: 'history' });
    links.push({ path: '/playground', label: 'Playground', icon: 'face' });
    return links;
  });

  protected toggleTheme(): void {
    this.theme.toggle();
  }

  /** One time zone for every time the portal shows: the browser's own, or UTC. */
  protected toggleTimeZone(): void {
    this.zones.toggle();
  }

  protected signOut(): void {
    void this.auth.signOut();
  }

  protected closeNavigationOnNarrowScreen(sidenav: MatSidenav): void {
    if (this.narrowScreen()) void sidenav.close();
  }
}
