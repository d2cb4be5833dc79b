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
    expect(readSettings(settingsFile(dir))).toEqual({ openAtLogin: null, closeToTray: false, updateFeedUrl: null, teamServerUrl: null });
    expect(DEFAULT_SETTINGS).toEqual(readSettings(path.join(dir, 'missing.json')));
  });

  it('keeps each valid field and falls back per field, ignoring unknown keys', () => {
    expect(parseSettings({ closeToTray: true, openAtLogin: 'yes', updateFeedUrl: 'https://u.example/feed', extra: 1 })).toEqual({
      openAtLogin: null,
      closeToTray: true,
      updateFeedUrl: 'https://u.example/feed',
      teamServerUrl: null,
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
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ openAtLogin: false, closeToTray: true, updateFeedUrl: null, teamServerUrl: null });
    expect(() => updateSettings(file, { closeToTray: 'on' as unknown as boolean })).toThrow(/closeToTray/);
    expect(readSettings(file).closeToTray).toBe(true);
  });

  it('a team server address is an http or https URL without credentials; anything else is ignored', () => {
    expect(parseSettings({ teamServerUrl: 'https://flowdeck.example.com' }).teamServerUrl).toBe('https://flowdeck.example.com');
    expect(parseSettings({ teamServerUrl: 'http://10.0.0.5:7070/' }).teamServerUrl).toBe('http://10.0.0.5:7070/');
    for (const bad of ['flowdeck.example.com', 'ftp://x.example', 'https://u:p@x.example', '', 42]) {
      expect(parseSettings({ teamServerUrl: bad }).teamServerUrl).toBeNull();
    }
    const file = settingsFile(dir);
    expect(() => updateSettings(file, { teamServerUrl: 'javascript:alert(1)' })).toThrow(/teamServerUrl/);
    expect(updateSettings(file, { teamServerUrl: 'https://team.example' }).teamServerUrl).toBe('https://team.example');
  });
});
