// Sign-in with the development-mode demo users (POST /auth/dev-token).
import { api } from '../api.js';
import { add, h } from '../dom.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n.js';
import { DEMO_USERS, currentSession, saveSession } from '../session.js';

export function render(root, { onSignedIn }) {
  const reason = sessionStorage.getItem('kundval.signedOutBecause');
  sessionStorage.removeItem('kundval.signedOutBecause');
  const session = currentSession();
  add(
    root,
    h('h1', {}, t('signin.title')),
    h('p', { class: 'lead' }, t('signin.intro')),
    reason ? h('p', { class: 'notice', role: 'status' }, t('signin.expired'), ' ', reason) : null,
    session ? h('p', { class: 'notice' }, t('signin.already', { name: session.name })) : null,
    h(
      'div',
      { class: 'demo-users' },
      DEMO_USERS.map((user) => userCard(user, onSignedIn)),
    ),
  );
}

function userCard(user, onSignedIn) {
  const fields = [];
  if (user.role === 'provider') {
    fields.push({
      name: 'providerId',
      label: t('signin.providerId'),
      value: user.providerId,
      hint: t('signin.providerHint'),
    });
  }
  if (user.role === 'citizen') {
    fields.push({
      name: 'citizenIds',
      label: t('signin.citizenId'),
      hint: t('signin.citizenHint'),
    });
  }
  const form = commandForm({
    id: `signin-${user.id}`,
    title: `${user.name} (${t(`role.${user.role}`)})`,
    fields,
    submitLabel: t('signin.as', { name: user.name }),
    submit: async (values) => {
      const body = { role: user.role, subject: user.subject };
      if (user.role === 'provider') {
        body.providerId = values.providerId;
        body.subject = `anordnare-${values.providerId}`;
      }
      if (user.role === 'citizen')
        body.citizenIds = values.citizenIds
          ? values.citizenIds.split(/[\s,]+/).filter(Boolean)
          : undefined;
      const answer = await api('/auth/dev-token', { method: 'POST', body });
      const name = user.role === 'provider' ? `${user.name} ${body.providerId}` : user.name;
      saveSession({
        ...answer,
        name,
        providerId: answer.providerId ?? body.providerId,
        citizenIds: answer.citizenIds ?? body.citizenIds,
      });
      return answer;
    },
    success: () => {
      setTimeout(onSignedIn, 0);
      return t('signin.done');
    },
  });
  form.classList.add('card', 'demo-user');
  form.dataset.user = user.id;
  form.dataset.role = user.role;
  return form;
}
