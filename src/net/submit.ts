/**
 * Rich-message forms with `requestType: "json"`: posts the form's data to the form's own URL
 * (already checked to be http(s) by the rich-message parser) and turns the answer into a short
 * result for the visitor. Never throws.
 */
export interface SubmitOutcome {
  ok: boolean;
  /** The endpoint's answer when it is short plain text (or a JSON `message` string). */
  message?: string;
}

export async function postJson(url: string, data: unknown, signal?: AbortSignal): Promise<SubmitOutcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(data),
      credentials: 'omit',
      signal,
    });
    const text = (await res.text()).trim();
    let message: string | undefined;
    try {
      const body = JSON.parse(text) as unknown;
      if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') {
        message = (body as { message: string }).message;
      }
    } catch {
      if (text && text.length <= 280 && !text.startsWith('<')) message = text;
    }
    return message ? { ok: res.ok, message } : { ok: res.ok };
  } catch {
    return { ok: false };
  }
}
