import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  console.error(error);
  showStartupFailure();
});

/** Start-up fails when /portal-config.json cannot be read; say so instead of leaving a blank page. */
function showStartupFailure(): void {
  const main = document.createElement('main');
  main.className = 'startup-error';
  const heading = document.createElement('h1');
  heading.textContent = 'The BWS Portal could not start';
  const explanation = document.createElement('p');
  explanation.textContent =
    'The server could not be reached or sent an unexpected configuration. Check your connection and reload the page.';
  main.append(heading, explanation);
  document.body.replaceChildren(main);
}
