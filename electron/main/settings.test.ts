import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, readSettings, settingsFile, updateSettings } from './settings.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'flowdeck-settings-'));
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('shell settings', () => {
  it('defaults: login items untouched, close to tray off, no update feed', () => {
    expect(readSettings(settingsFile(dir))).toEqual({ openAtLogin: null, closeToTray: false, updateFeedUrl: null });
    expect(DEFAULT_SETTINGS).toEqual(readSettings(path.join(dir, 'missing.json')));
  });

  it('keeps each valid field and falls back per field, ignoring unknown keys', () => {
    expect(parseSettings({ closeToTray: true, openAtLogin: 'yes', updateFeedUrl: 'https://u.example/feed', extra: 1 })).toEqual({
      openAtLogin: null,
      closeToTray: true,
      updateFeedUrl: 'https://u.example/feed',
    });
    expect(parseSettings([true])).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('treats a broken file as defaults', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(settingsFile(dir), '{"closeToTray": tru');
    expect(readSettings(settingsFile(dir))).toEqual(DEFAULT_SETTINGS);
  });

  it('updates merge into the stored file; invalid values are refused', () => {
    const file = settingsFile(path.join(dir, 'nested'));
    expect(updateSettings(file, { closeToTray: true })).toMatchObject({ closeToTray: true });
    updateSettings(file, { openAtLogin: false });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ openAtLogin: false, closeToTray: true, updateFeedUrl: null });
    expect(() => updateSettings(file, { closeToTray: 'on' as unknown as boolean })).toThrow(/closeToTray/);
    expect(readSettings(file).closeToTray).toBe(true);
  });
});
