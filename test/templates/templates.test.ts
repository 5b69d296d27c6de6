import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_TOOL } from '../../src/domain/shipped-templates.ts';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, aUser } from '../support/builders.ts';

type ExportedTool = { sections: { questions: { text: string }[] }[] };

let t: TestApp;
let partnershipId: string;
let coordinator: Browser;
beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  const user = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(t.database.db);
  coordinator = new Browser(t.app);
  await coordinator.signIn(user.email, user.password);
});
afterAll(async () => t?.close());

const small = (name: string) => ({
  format: 'maca-audit-tool/1',
  name,
  scales: [
    {
      key: 'ypn',
      label: 'Yes or no',
      values: [
        { value: 'yes', label: 'Yes', rank: 2 },
        { value: 'no', label: 'No', rank: 1 },
      ],
    },
  ],
  sections: [
    {
      key: 'one',
      title: 'One',
      questions: [{ key: 'q1', text: 'Was the child seen?', type: 'judgement', scale: 'ypn' }],
    },
  ],
});

describe('audit tool templates', () => {
  it('lists the shipped tools for a new partnership, once, even when asked concurrently', async () => {
    const [a, b] = await Promise.all([coordinator.get('/templates'), new Browser(t.app).get('/templates')]);
    expect(a.statusCode).toBe(200);
    expect(a.body).toContain('Multi-agency case audit tool');
    expect(a.body).toContain('Domestic abuse supplement');
    expect(b.statusCode).toBe(303);
    await Promise.all([t.services.templates.list({ partnershipId }), t.services.templates.list({ partnershipId })]);
    const rows = await t.database.db
      .selectFrom('tool_template')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .execute();
    expect(rows).toHaveLength(2);
  });

  it('imports a tool, refusing invalid JSON and naming the path of each schema problem', async () => {
    await coordinator.get('/templates/new');
    const notJson = await coordinator.post('/templates', { content: '{"format": ' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.body).toContain('The template is not valid JSON');
    const bad = small('Bad tool');
    bad.scales[0]!.values[1]!.value = 'YES';
    (bad.sections[0]!.questions[0] as Record<string, unknown>).scale = 'nope';
    const invalid = await coordinator.post('/templates', { content: JSON.stringify(bad) });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('scales[0].values[1].value: &quot;YES&quot; repeats value 1 (&quot;yes&quot;)');
    expect(invalid.body).toContain('sections[0].questions[0].scale: refers to a scale &quot;nope&quot;');
    const ok = await coordinator.post('/templates', { content: JSON.stringify(small('Neglect tool')) });
    expect(ok.statusCode).toBe(303);
    const page = await coordinator.get(ok.headers.location!);
    expect(page.body).toContain('Was the child seen?');
    const duplicate = await coordinator.post('/templates', { content: JSON.stringify(small('neglect TOOL')) });
    expect(duplicate.body).toContain('A template with this name already exists');
  });

  it('makes a new version on edit, keeps the old one frozen, and refuses a stale edit', async () => {
    const created = await t.services.templates.importTemplate({ partnershipId, id: null }, small('Exploitation tool'), {
      userId: null,
      partnershipId,
      correlationId: null,
      ip: null,
    });
    if (!created.ok) throw new Error('import failed');
    const id = created.value.id;
    await coordinator.get(`/templates/${id}/edit`);
    const changed = small('Exploitation tool');
    changed.sections[0]!.questions[0]!.text = 'Was the child seen alone?';
    const saved = await coordinator.post(`/templates/${id}/versions`, {
      content: JSON.stringify(changed),
      basedOn: '1',
    });
    expect(saved.statusCode).toBe(303);
    const stale = await coordinator.post(`/templates/${id}/versions`, {
      content: JSON.stringify(small('Exploitation tool')),
      basedOn: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved version 2');
    const v1 = await coordinator.get(`/templates/${id}?version=1`);
    expect(v1.body).toContain('Was the child seen?');
    const v2 = await coordinator.get(`/templates/${id}`);
    expect(v2.body).toContain('Was the child seen alone?');
    await expect(
      t.database.db.updateTable('template_version').set({ version_number: 9 }).where('template_id', '=', id).execute(),
    ).rejects.toThrow(/frozen/);
    const exported = await coordinator.get(`/templates/${id}/export.json?version=1`);
    expect(exported.headers['content-disposition']).toContain('exploitation-tool-v1.json');
    expect((JSON.parse(exported.body) as ExportedTool).sections[0]?.questions[0]?.text).toBe('Was the child seen?');
  });

  it('round-trips the shipped general tool through export and import', async () => {
    const list = await t.services.templates.list({ partnershipId });
    const general = list.find((x) => x.shippedKey === 'general')!;
    const exported = await coordinator.get(`/templates/${general.id}/export.json`);
    const copy = { ...(JSON.parse(exported.body) as Record<string, unknown>), name: 'General tool (copy)' };
    const imported = await coordinator.post('/templates', { content: JSON.stringify(copy) });
    expect(imported.statusCode).toBe(303);
    const id = imported.headers.location!.split('/').pop()!;
    const again = await coordinator.get(`/templates/${id}/export.json`);
    expect({ ...JSON.parse(again.body), name: GENERAL_TOOL.name }).toEqual(JSON.parse(JSON.stringify(GENERAL_TOOL)));
  });

  it('is for coordinators and administrators only, and never another partnership’s', async () => {
    const other = await aPartnership().create(t.database.db);
    const otherCoordinator = await aUser(other).withRole('coordinator').exemptFromSecondFactor().create(t.database.db);
    const list = await t.services.templates.list({ partnershipId });
    const browser = new Browser(t.app);
    await browser.signIn(otherCoordinator.email, otherCoordinator.password);
    expect((await browser.get(`/templates/${list[0]!.id}`)).statusCode).toBe(404);
    const auditor = await aUser(partnershipId).withRole('auditor').exemptFromSecondFactor().create(t.database.db);
    const auditorBrowser = new Browser(t.app);
    await auditorBrowser.signIn(auditor.email, auditor.password);
    expect((await auditorBrowser.get('/templates')).statusCode).toBe(404);
  });
});

describe('templates in the API', () => {
  it('imports, reads and versions a tool with a token, with the same validation', async () => {
    const user = await aUser(partnershipId).withRole('coordinator').exemptFromSecondFactor().create(t.database.db);
    const { token } = await t.services.apiTokens.create(user.id, 'api', {
      userId: user.id,
      partnershipId,
      correlationId: null,
      ip: null,
    });
    const headers = { authorization: `Bearer ${token}` };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers,
      payload: { format: 'maca-audit-tool/1', name: 'x', scales: [], sections: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { problems: string[] } }>().error.problems).toContain(
      'sections: must have at least one section',
    );
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/templates',
      headers,
      payload: small('API tool'),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const read = await t.app.inject({ url: `/api/v1/templates/${id}`, headers });
    expect(read.json()).toMatchObject({ versionNumber: 1, content: { name: 'API tool' } });
    const next = small('API tool');
    next.sections[0]!.title = 'First';
    const saved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${id}/versions`,
      headers,
      payload: { basedOn: 1, content: next },
    });
    expect(saved.json()).toMatchObject({ versionNumber: 2 });
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/v1/templates/${id}/versions`,
      headers,
      payload: { basedOn: 1, content: small('API tool') },
    });
    expect(stale.statusCode).toBe(409);
    const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/templates', '/templates/{id}', '/templates/{id}/versions']),
    );
  });
});
