// Issue #15 in the browser: the owner adds a person on the Settings page's People section, that person signs in on
// the sign-in page with their login and password (a wrong password is refused in plain words), and as an Operator
// they see the setup's actions locked with the reason. Screenshots of both pages in both themes.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { entryUrl } from './pages/runs-page.ts';

const PASSWORD = 'correct horse battery staple';
const OPERATOR_REASON = 'Needs an Admin — your Operator access covers runs, incidents and workflows, not the setup. Ask the owner of this Flowdeck.';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = path.join(testInfo.project.outputDir, `${name}-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await testInfo.attach(`${name}-${scheme}`, { path: file, contentType: 'image/png' });
  }
}

test('the owner adds an Operator, who signs in with a password and finds the setup locked with the reason', async ({ page, browser }, testInfo) => {
  const login = `olive-${randomUUID().slice(0, 6)}`;
  await page.goto(entryUrl());
  await page.goto('/#/settings');
  const people = page.getByTestId('people');
  await expect(people).toBeVisible();
  await people.getByTestId('person-new').click();
  const form = page.getByTestId('person-form');
  await form.getByTestId('person-login').fill(login);
  await form.getByTestId('person-name').fill('Olive Operator');
  await form.getByTestId('person-form-role').selectOption('operator');
  await form.getByTestId('person-form-password').fill(PASSWORD);
  await form.getByTestId('person-form-again').fill('not the same password');
  await form.getByTestId('person-save').click();
  await expect(form.getByTestId('person-field-error')).toHaveText('The two passwords differ: type the same one twice.');
  await form.getByTestId('person-form-again').fill(PASSWORD);
  await form.getByTestId('person-save').click();
  await expect(page.getByTestId('people-outcome')).toHaveText(`Olive Operator can now sign in as “${login}”.`);
  const row = people.locator(`[data-testid="person-row"][data-login="${login}"]`);
  await expect(row).toContainText('Not signed in');
  await expect(row.getByTestId('person-role')).toHaveValue('operator');
  await people.scrollIntoViewIfNeeded();
  await shoot(page, testInfo, 'people-owner');

  // A fresh browser (no session): the console asks for a login and password.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/');
  await expect(other).toHaveURL(/\/sign-in$/);
  await expect(other.getByRole('heading', { name: 'Sign in to Flowdeck' })).toBeVisible();
  await other.getByLabel('Login').fill(login);
  await other.getByLabel('Password').fill('a wrong password');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('alert')).toHaveText('That login and password do not match an active account here.');
  await shoot(other, testInfo, 'sign-in-refused');
  await other.getByLabel('Password').fill(PASSWORD);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByTestId('access-level')).toHaveText('Can act, not change the setup (Operator)');

  // As the Operator: People is listed, adding someone is locked with the reason, and so is changing a role.
  await other.goto('/#/settings');
  const theirPeople = other.getByTestId('people');
  await expect(theirPeople.locator(`[data-testid="person-row"][data-login="${login}"]`)).toBeVisible();
  await expect(theirPeople.getByTestId('person-new')).toHaveAttribute('aria-disabled', 'true');
  await expect(theirPeople.getByTestId('person-new')).toHaveAccessibleDescription(OPERATOR_REASON);
  await theirPeople.getByTestId('person-new').click({ force: true });
  await expect(other.getByTestId('person-form')).toHaveCount(0);

  // Back as the owner: the list says the Operator is signed in, and where.
  await expect(row).toContainText('Signed in on 1 device');
  await row.getByTestId('person-sessions').click();
  await expect(row.getByTestId('session-row')).toHaveCount(1);
  await expect(row.getByTestId('session-row')).toContainText(/^(Chrome|Edge) on /);
  await row.getByTestId('session-end').click();
  await expect(page.getByTestId('people-outcome')).toHaveText('Signed out there.');
  await expect(row).toContainText('Not signed in');
  // The Operator's open console loses its connection and lands on the sign-in page, instead of retrying for ever.
  await expect(other).toHaveURL(/\/sign-in$/);
  await expect(other.getByRole('heading', { name: 'Sign in to Flowdeck' })).toBeVisible();
  await context.close();
});

test('Sign out in the header ends the session: the console asks for a password again', async ({ browser }) => {
  const login = `sam-${randomUUID().slice(0, 6)}`;
  const owner = await browser.newPage();
  await owner.goto(entryUrl());
  await owner.goto('/#/settings');
  await owner.getByTestId('person-new').click();
  await owner.getByTestId('person-login').fill(login);
  await owner.getByTestId('person-form-password').fill(PASSWORD);
  await owner.getByTestId('person-form-again').fill(PASSWORD);
  await owner.getByTestId('person-save').click();
  await expect(owner.getByTestId('people-outcome')).toHaveText(`${login} can now sign in as “${login}”.`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('access-level')).toHaveText('View only (Viewer)');
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
  await owner.close();
});
