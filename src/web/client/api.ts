// Talking to the local server: the knowledge base (JSON) and analyses (NDJSON events, with
// upload progress, which only XMLHttpRequest reports).
import type { AnalyseEvent } from "../api-types.js";

export const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return (await res.json()) as T;
};

export interface AnalyseHandlers {
  onUpload: (loaded: number, total: number) => void;
  onEvent: (e: AnalyseEvent) => void;
}

/** Sends an input for analysis; events arrive as the server writes them. */
export const analyse = (body: Blob | string, name: string, h: AnalyseHandlers): Promise<void> =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `api/analyse?name=${encodeURIComponent(name)}`);
    let read = 0;
    let ended = false;
    const emit = (e: AnalyseEvent): void => {
      if (e.type === "result" || e.type === "error") ended = true;
      h.onEvent(e);
    };
    const drain = (): void => {
      const text = xhr.responseText;
      for (let nl = text.indexOf("\n", read); nl !== -1; nl = text.indexOf("\n", read)) {
        const line = text.slice(read, nl);
        read = nl + 1;
        if (line.trim() !== "") emit(JSON.parse(line) as AnalyseEvent);
      }
    };
    xhr.upload.onprogress = (e) => h.onUpload(e.loaded, e.total);
    xhr.onprogress = () => {
      if (xhr.status === 200) drain();
    };
    xhr.onload = () => {
      if (xhr.status === 200) drain();
      else {
        try {
          emit(JSON.parse(xhr.responseText) as AnalyseEvent);
        } catch {
          emit({ type: "error", error: { code: "HTTP", message: `the server answered ${xhr.status}` } });
        }
      }
      if (!ended) emit({ type: "error", error: { code: "INTERNAL", message: "the analysis ended without a result" } });
      resolve();
    };
    xhr.onerror = () => {
      emit({ type: "error", error: { code: "NETWORK", message: "the upload failed or was refused by the server" } });
      resolve();
    };
    xhr.send(body);
  });
