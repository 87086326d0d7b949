"use client";

import { useEffect, useRef, useState } from "react";

export type StreamState = "connecting" | "open" | "reconnecting";

/**
 * One Server-Sent Events subscription with its connection state. The browser resumes by itself
 * with Last-Event-ID after a network error; when the server ends the stream for good (a restart,
 * an error status) this hook reopens it from the last id it saw, after a short random wait.
 */
export function useEventStream<Data>(
  path: string | null,
  options: {
    event: string;
    since: number;
    onMessage: (data: Data, id: number) => void;
    /** Messages without an id (state, not history), e.g. the admin stream's `feed`. */
    signal?: { event: string; onSignal: (data: unknown) => void };
  },
): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const onMessage = useRef(options.onMessage);
  const onSignal = useRef(options.signal?.onSignal);
  const lastId = useRef(options.since);
  useEffect(() => {
    onMessage.current = options.onMessage;
    onSignal.current = options.signal?.onSignal;
  });

  const { event } = options;
  const signalEvent = options.signal?.event ?? null;
  useEffect(() => {
    if (!path) return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const open = () => {
      const separator = path.includes("?") ? "&" : "?";
      source = new EventSource(`${path}${separator}since=${lastId.current}`);
      source.onopen = () => setState("open");
      source.onerror = () => {
        if (stopped || !source) return;
        setState("reconnecting");
        if (source.readyState === EventSource.CLOSED) {
          source = null;
          retry = setTimeout(open, 1_000 + Math.random() * 2_000);
        }
      };
      source.addEventListener(event, (message) => {
        const id = Number((message as MessageEvent<string>).lastEventId);
        if (Number.isFinite(id) && id > 0) lastId.current = id;
        onMessage.current(JSON.parse((message as MessageEvent<string>).data) as Data, id);
      });
      if (signalEvent) {
        source.addEventListener(signalEvent, (message) => {
          onSignal.current?.(JSON.parse((message as MessageEvent<string>).data) as unknown);
        });
      }
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [path, event, signalEvent]);

  return state;
}
