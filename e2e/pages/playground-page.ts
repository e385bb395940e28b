import { expect, type Locator, type Page } from "@playwright/test";

/** What the playground says while a challenge is shown; the direction is the first or second group. */
export const CHALLENGE_INSTRUCTION = /^(?:Turn your head to the (left|right)|Tilt your head (up|down))$/;

/** The liveness playground: client picker, mirrored camera preview, challenges and verdict. */
export class PlaygroundPage {
  readonly heading: Locator;
  readonly clientPicker: Locator;
  readonly startButton: Locator;
  readonly tryAgainButton: Locator;
  /** The preview, telling by `data-face-detected` whether the overlay shows a face. */
  readonly preview: Locator;
  readonly challengeInstruction: Locator;
  readonly challengeSteps: Locator;
  readonly tries: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Playground" });
    this.clientPicker = page.getByRole("combobox", { name: "Client", exact: true });
    this.startButton = page.getByRole("button", { name: "Start", exact: true });
    this.tryAgainButton = page.getByRole("button", { name: "Try again" });
    this.preview = page.locator("[data-face-detected]");
    this.challengeInstruction = page.getByText(CHALLENGE_INSTRUCTION);
    this.challengeSteps = page.getByRole("region", { name: "Challenges" }).getByRole("listitem");
    this.tries = page.getByText(/tries left on this token/);
  }

  /** `challengeSeconds` shortens the time allowed per challenge. */
  async goto(options: { challengeSeconds?: number } = {}): Promise<void> {
    const query = options.challengeSeconds ? `?challengeSeconds=${options.challengeSeconds}` : "";
    await this.page.goto(`/playground${query}`);
    await expect(this.heading).toBeVisible();
  }

  async openFromNavigation(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playground" }).click();
    await expect(this.heading).toBeVisible();
  }

  async chooseClient(name: string): Promise<void> {
    await this.clientPicker.click();
    await this.page.getByRole("option", { name, exact: true }).click();
  }

  faceStatus(text: string): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** The explanation shown instead of the preview when the camera cannot be used. */
  cameraProblem(heading: string): Locator {
    return this.page.getByRole("alert").filter({ has: this.page.getByRole("heading", { name: heading }) });
  }

  verdictHeading(text: "Live" | "Not live"): Locator {
    return this.page.getByRole("heading", { level: 2, name: text, exact: true });
  }

  /** The service's ErrorString, shown as is beside its explanation. */
  errorString(): Locator {
    return this.page.getByText(/^(NotEnoughSamples|NoFaceFound|ChallengeResponseFailed|LiveDetectionFailed)$/);
  }
}
