import type { TurningHeadPictures } from "./turning-head.ts";

/**
 * A synthetic camera for the playground (a Playwright init script, run in the page before
 * the portal): getUserMedia answers with a canvas stream showing turning-head.ts's head,
 * which follows the challenge the page shows as a person would. Every 100 ms the head
 * turns one step (6°) towards the shown challenge's direction, holds the last step while
 * the challenge stays shown, and turns back to the camera before it turns another way
 * (or when no challenge is shown). The pictures are drawn at `offset` so that two runs
 * never post the same frames at the same place (the replay store would refuse them).
 */
export function installTurningCamera(options: TurningHeadPictures & { offset: { x: number; y: number }; instruction: string }): void {
  // Decoded from bytes, not loaded as data: URLs, which the portal's CSP (rightly) refuses.
  const decode = (base64: string) => createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: "image/jpeg" }));
  // The page object's pattern, passed as source: an init script sees none of this module.
  const instruction = new RegExp(options.instruction);
  const shownChallenge = (): string | undefined => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = instruction.exec(node.textContent?.trim() ?? "");
      if (match) return match[1] ?? match[2];
    }
    return undefined;
  };

  let stream: Promise<MediaStream> | undefined;
  const start = async (): Promise<MediaStream> => {
    const neutral = await decode(options.neutral);
    const turned: Record<string, ImageBitmap[]> = {};
    for (const [direction, urls] of Object.entries(options.turned)) turned[direction] = await Promise.all(urls.map(decode));
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const context = canvas.getContext("2d")!;
    let direction: string | undefined;
    let step = 0;
    const draw = () => {
      context.fillStyle = "#808080";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(direction && step > 0 ? turned[direction]![step - 1]! : neutral, options.offset.x, options.offset.y);
    };
    setInterval(() => {
      const wanted = shownChallenge();
      if (wanted && wanted === direction) step = Math.min(turned[wanted]!.length, step + 1);
      else if (step > 0) step -= 1;
      else direction = wanted;
      draw();
    }, 100);
    draw();
    return canvas.captureStream(15);
  };
  Object.defineProperty(navigator.mediaDevices, "getUserMedia", { value: () => (stream ??= start()), configurable: true });
}
