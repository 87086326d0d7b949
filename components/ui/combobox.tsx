"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { ChangeEvent, KeyboardEvent, Ref } from "react";
import { filterOptions, indexOptions, normalize, type ComboboxOption } from "@/components/ui/combobox-filter";
import { controlClass, cx } from "@/components/ui/field";

/** More than this many matches: only the first ones are shown, typing narrows them down. */
const MAX_SHOWN = 300;

export type ComboboxProps = {
  /** The id of the input (`fieldId(name)`). */
  id: string;
  /** The id of the visible label, which also names the listbox. */
  labelId: string;
  name: string;
  options: readonly ComboboxOption[];
  value: string | null | undefined;
  onChange: (value: string) => void;
  onBlur?: () => void;
  ref?: Ref<HTMLInputElement>;
  placeholder?: string;
  emptyText?: string;
  /** Erasing the text and leaving the field sets the value to "" (optional fields only). */
  clearable?: boolean;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  className?: string;
  popupClassName?: string;
};

/**
 * An editable combobox with a listbox popup (WAI-ARIA 1.2 pattern, list autocomplete). Focus never
 * leaves the input: the highlighted option is named by `aria-activedescendant`.
 */
export function Combobox({
  id,
  labelId,
  name,
  options,
  value,
  onChange,
  onBlur,
  ref,
  placeholder,
  emptyText = "No results",
  clearable = false,
  invalid = false,
  describedBy,
  disabled,
  className,
  popupClassName,
}: ComboboxProps) {
  // `query` is the text being typed; null while not editing, when the input shows the selection.
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Tab only picks the highlighted option when the user chose it with the arrow keys.
  const [moved, setMoved] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const index = useMemo(() => indexOptions(options), [options]);
  const results = useMemo(
    () => (query === null ? options : filterOptions(index, query)),
    [index, options, query],
  );
  const shown = results.length > MAX_SHOWN ? results.slice(0, MAX_SHOWN) : results;
  const selected = useMemo(() => options.find((option) => option.value === value), [options, value]);
  const expanded = open && shown.length > 0;
  const activeOption = expanded ? shown[active] : undefined;
  const listId = `${id}-listbox`;
  const optionId = (position: number) => `${id}-option-${position}`;

  useEffect(() => {
    if (!open) return;
    function closeOnOutsidePress(event: PointerEvent) {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("pointerdown", closeOnOutsidePress);
    return () => document.removeEventListener("pointerdown", closeOnOutsidePress);
  }, [open]);

  // Keep the highlighted option inside the scrolled list without scrolling the page.
  useEffect(() => {
    const list = listRef.current;
    const option = expanded && active >= 0 ? (list?.children[active] as HTMLElement | undefined) : undefined;
    if (!list || !option) return;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
    }
  }, [expanded, active]);

  function openAt(position: number, byKeyboard: boolean) {
    setOpen(true);
    setActive(position);
    setMoved(byKeyboard && position >= 0);
  }

  function selectedPosition(fallback: number): number {
    const position = shown.findIndex((option) => option.value === value);
    return position >= 0 ? position : fallback;
  }

  function moveTo(position: number) {
    setActive(Math.max(0, Math.min(shown.length - 1, position)));
    setMoved(true);
  }

  function close() {
    setOpen(false);
    setActive(-1);
    setMoved(false);
  }

  function select(option: ComboboxOption) {
    if (option.value !== value) onChange(option.value);
    setQuery(null);
    close();
  }

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const text = event.target.value;
    setQuery(text);
    // The first match is highlighted for Enter, but not "moved to": Tab will not pick it.
    openAt(text.trim() ? 0 : -1, false);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openAt(event.altKey ? -1 : selectedPosition(0), !event.altKey);
        else moveTo(active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (event.altKey) close();
        else if (!open) openAt(selectedPosition(shown.length - 1), true);
        else moveTo(active - 1);
        break;
      case "Home":
      case "End":
        if (!expanded) return;
        event.preventDefault();
        moveTo(event.key === "Home" ? 0 : shown.length - 1);
        break;
      case "Enter": {
        if (!open) return; // a closed combobox lets Enter submit the form
        event.preventDefault();
        const option = activeOption ?? (shown.length === 1 ? shown[0] : undefined);
        if (option) select(option);
        else close();
        break;
      }
      case "Escape":
        if (open) close();
        else if (query !== null) setQuery(null);
        else return;
        event.preventDefault();
        event.stopPropagation();
        break;
      case "Tab":
        if (open && moved && activeOption) select(activeOption);
        else close();
        break;
    }
  }

  // Leaving the field: the text always goes back to the selected option's label.
  function handleBlur() {
    if (query !== null) {
      const typed = normalize(query);
      const exact = typed ? options.find((option) => normalize(option.label) === typed) : undefined;
      if (exact && exact.value !== value) onChange(exact.value);
      else if (!typed && clearable && value) onChange("");
    }
    setQuery(null);
    close();
    onBlur?.();
  }

  const status = open
    ? results.length === 0
      ? emptyText
      : `${results.length} result${results.length === 1 ? "" : "s"}`
    : "";

  return (
    <div ref={wrapperRef} className={cx("relative", className)}>
      <input
        ref={ref}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeOption ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder={placeholder}
        disabled={disabled}
        value={query ?? selected?.label ?? ""}
        onChange={handleChange}
        onKeyDown={handleKeyDown}
        onBlur={handleBlur}
        // Typing replaces the shown label, also after a programmatic focus (error summary, setFocus).
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => {
          if (!open) openAt(selectedPosition(-1), false);
        }}
        className={cx(controlClass(invalid), "pr-10")}
      />
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className={cx(
          "text-ink-muted pointer-events-none absolute top-5.5 right-3 size-5 -translate-y-1/2 transition-transform",
          expanded && "rotate-180",
        )}
      >
        <path
          fillRule="evenodd"
          d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z"
          clipRule="evenodd"
        />
      </svg>
      <input type="hidden" name={name} value={value ?? ""} />
      <div
        hidden={!open}
        // Pressing in the popup (the scrollbar too) must not take focus from the input.
        onMouseDown={(event) => event.preventDefault()}
        className={cx(
          "absolute z-20 mt-1 w-full overflow-hidden rounded-lg border border-gray-300 bg-white shadow-lg",
          popupClassName,
        )}
      >
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-labelledby={labelId}
          hidden={shown.length === 0}
          className="relative max-h-72 overflow-y-auto overscroll-contain py-1"
        >
          {/* Options exist only while open: a page may hold several lists of 250 countries. */}
          {(open ? shown : []).map((option, position) => {
            const isSelected = option.value === value;
            return (
              <li
                key={option.value}
                id={optionId(position)}
                role="option"
                aria-selected={isSelected}
                onClick={() => select(option)}
                onMouseMove={() => {
                  if (position !== active) setActive(position);
                }}
                className={cx(
                  "flex min-h-11 cursor-pointer items-center gap-2 px-3 py-2",
                  position === active ? "bg-brand-600 text-white" : "text-ink",
                  isSelected && "font-semibold",
                )}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 20 20"
                  fill="currentColor"
                  className={cx("size-4 shrink-0", isSelected ? "visible" : "invisible")}
                >
                  <path
                    fillRule="evenodd"
                    d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
                    clipRule="evenodd"
                  />
                </svg>
                <span className="min-w-0">{option.label}</span>
              </li>
            );
          })}
        </ul>
        {results.length === 0 ? <p className="text-ink-muted px-3 py-2.5">{emptyText}</p> : null}
        {results.length > shown.length ? (
          <p className="text-ink-muted border-t border-gray-200 px-3 py-2 text-sm">
            Showing {shown.length} of {results.length}. Type to narrow the list.
          </p>
        ) : null}
      </div>
      <div role="status" className="sr-only">
        {status}
      </div>
    </div>
  );
}
