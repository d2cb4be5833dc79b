import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/** The main window's last normal bounds and maximized flag, in `window-state.json` in the user-data folder. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Size and (when still visible) position to open the window with. No x/y: let the OS centre it. */
export interface WindowPlacement {
  bounds: { x?: number; y?: number; width: number; height: number };
  maximized: boolean;
}

export const WINDOW_STATE_FILE_NAME = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** How much of the window must lie on one display for the saved position to be reused. */
const MIN_VISIBLE = { width: 160, height: 120 } as const;
const MAX_EXTENT = 32_768;

export function windowStateFile(userDataDir: string): string {
  return path.join(userDataDir, WINDOW_STATE_FILE_NAME);
}

const isCoordinate = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= MAX_EXTENT;
const isExtent = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= MAX_EXTENT;

export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, width, height, maximized } = raw as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isExtent(width) || !isExtent(height)) return null;
  return { x, y, width, height, maximized: maximized === true };
}

export function readWindowState(file: string): WindowState | null {
  return parseWindowState(readJsonFile(file));
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window given the saved state and the displays' work areas (primary first). The saved
 * position is kept only while enough of the window, including its top edge, is on one display; the size is
 * kept but never below the minimum or beyond the largest work area.
 */
export function placeWindow(state: WindowState | null, workAreas: readonly Rectangle[]): WindowPlacement {
  if (!state) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const maxWidth = Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height));
  const width = Math.min(Math.max(state.width, MIN_SIZE.width), maxWidth);
  const height = Math.min(Math.max(state.height, MIN_SIZE.height), maxHeight);
  const rect = { x: state.x, y: state.y, width, height };
  const visible = workAreas.some((area) => {
    const o = overlap(rect, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height && rect.y >= area.y && rect.y < area.y + area.height;
  });
  return { bounds: visible ? rect : { width, height }, maximized: state.maximized };
}

export function captureWindowState(win: BrowserWindow): WindowState {
  const { x, y, width, height } = win.getNormalBounds();
  return { x, y, width, height, maximized: win.isMaximized() };
}

/** Saves the window's state to `file` whenever it is about to close (or hide to the tray). Never throws. */
export function trackWindowState(win: BrowserWindow, file: string): void {
  win.on('close', () => {
    try {
      writeJsonFile(file, captureWindowState(win));
    } catch (error) {
      console.warn('[flowdeck] could not save the window state:', error);
    }
  });
}
