// The device camera: BarcodeDetector decodes in the page where the browser has it (Chrome on
// Android); elsewhere a downscaled grey frame goes to the service, which finds QR codes with
// zbar (POST /v1/frames) — never a QR decoder of our own.

import { call, json } from "./api.mjs";
import { t } from "./words.mjs";

const LARGEST = 640;  // the service's limit, each side

export class Camera {
  constructor(video, onText) {
    this.video = video;
    this.onText = onText;
    this.stream = null;
    this.busy = false;
    this.last = ["", 0];  // the last code read, and when: the next frames show it again
    this.detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
  }

  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false });
    this.video.srcObject = this.stream;
    this.video.hidden = false;
    await this.video.play();
    this.timer = setInterval(() => this.tick(), 250);
  }

  stop() {
    clearInterval(this.timer);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.video.hidden = true;
  }

  get running() {
    return this.stream !== null;
  }

  /** One frame, unless the previous one is still being decoded. */
  async tick() {
    if (this.busy || !this.video.videoWidth) return;
    this.busy = true;
    try {
      const texts = this.detector ? (await this.detector.detect(this.video)).map((c) => c.rawValue) : await this.decodeOnService();
      for (const text of texts) {
        if (text === this.last[0] && Date.now() - this.last[1] < 5000) continue;
        this.last = [text, Date.now()];
        await this.onText(text);
      }
    } catch {
      // A frame that fails (network, decoding) is skipped; the next one is tried.
    } finally {
      this.busy = false;
    }
  }

  async decodeOnService() {
    const scale = Math.min(1, LARGEST / Math.max(this.video.videoWidth, this.video.videoHeight));
    const width = Math.round(this.video.videoWidth * scale), height = Math.round(this.video.videoHeight * scale);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(this.video, 0, 0, width, height);
    const rgba = context.getImageData(0, 0, width, height).data;
    const grey = new Uint8Array(width * height);
    for (let i = 0; i < grey.length; i++) grey[i] = (rgba[4 * i] * 77 + rgba[4 * i + 1] * 150 + rgba[4 * i + 2] * 29) >> 8;
    const response = await call(`/v1/frames?width=${width}&height=${height}`, { method: "POST", body: grey, type: "application/octet-stream", timeoutMs: 4000 });
    return (await json(response)).texts ?? [];
  }
}

/** The Caméra button: starts and stops `camera`, says in words when the browser refuses it;
 * `after` runs after each click (the scan field takes the focus back). */
export function cameraButton(button, camera, errorLine, after) {
  button.addEventListener("click", async () => {
    try {
      if (camera.running) camera.stop();
      else await camera.start();
      button.textContent = t(camera.running ? "cameraStop" : "camera");
    } catch (error) {
      errorLine.textContent = t("cameraRefused", error.message);
    }
    after();
  });
}
