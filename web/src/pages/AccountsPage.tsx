import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { searchAccounts } from '../api.ts';
import { AccountActions } from '../components/admin/AccountActions.tsx';
import { CreateAccountForm } from '../components/admin/CreateAccountForm.tsx';
import { ACTIONS, DataTable } from '../components/DataTable.tsx';
import { Disclosure } from '../components/Disclosure.tsx';
import { TextField } from '../components/Field.tsx';
import { Pager } from '../components/Pager.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SearchCard } from '../components/SearchCard.tsx';
import { FlashMessage, useFlash } from '../components/SuccessMessage.tsx';
import { roleLabel } from '../format.ts';
import { useApiForm } from '../forms/useApiForm.ts';
import { usePageTitle } from '../hooks.ts';
import { useSession } from '../session.ts';

const PAGE = 20;
const schema = z.object({ q: z.string().trim() });

/**
 * The administrator's accounts: find an account by name or username (a page of 20 at a time, from
 * the server), create one, and manage one (roles, active, unlock, password reset, sessions).
 */
export function AccountsPage() {
  usePageTitle('Accounts');
  const { data: me } = useSession();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState({ q: '', offset: 0 });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const created = useFlash();
  const list = useQuery({
    queryKey: ['accounts', search.q, search.offset],
    queryFn: () => searchAccounts(search.q, search.offset, PAGE),
    placeholderData: keepPreviousData,
  });
  const api = useApiForm({
    id: 'account-search',
    schema,
    defaultValues: { q: '' },
    submit: async ({ q }) => {
      setSelectedId(null);
      if (q === search.q && search.offset === 0) await list.refetch();
      else setSearch({ q, offset: 0 });
    },
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['accounts'] });
  const selected = list.data?.users.find((u) => u.id === selectedId) ?? null;
  const page = list.data;

  return (
    <>
      <h1>Accounts</h1>
      <p className="lead">Find a staff account to reset its password, end its sessions, unlock it, change its roles or deactivate it.</p>
      <FlashMessage flash={created.flash} />
      <div className="accounts-create">
        <Disclosure label="Create an account">
          {(close) => (
            <CreateAccountForm
              onCancel={close}
              onCreated={(user) => {
                close();
                created.say(`The account ${user.username} is created.`);
                refresh();
              }}
            />
          )}
        </Disclosure>
      </div>
      <SearchCard api={api} label="Find an account">
        <TextField {...api.field('q')} label="Name or username" hint="Part of either is enough" autoComplete="off" />
      </SearchCard>

      <section aria-labelledby="accounts-heading" className="results">
        <h2 id="accounts-heading">{search.q ? `Accounts matching “${search.q}”` : 'All accounts'}</h2>
        {list.isPending ? <p role="status">Loading accounts…</p> : null}
        <ProblemAlert error={list.error} />
        {page ? (
          <>
            <p role="status" className="results__count">
              {page.total === 1 ? '1 account' : `${page.total} accounts`}
              {page.total > page.users.length && page.users.length > 0
                ? ` (showing ${search.offset + 1} to ${search.offset + page.users.length})`
                : ''}
            </p>
            {page.users.length > 0 ? (
              <DataTable caption="Accounts" className="table--accounts" columns={['Account', 'Roles and status', ACTIONS]}>
                {page.users.map((account) => (
                  <tr key={account.id} aria-current={account.id === selectedId ? 'true' : undefined}>
                    <td>
                      {account.displayName}
                      <br />
                      <span className="mono muted">{account.username}</span>
                    </td>
                    <td>
                      {account.roles.map(roleLabel).join(', ')}
                      <br />
                      <span className="muted">{account.active ? 'Active' : 'Deactivated'}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => {
                          setSelectedId(account.id);
                          requestAnimationFrame(() => document.getElementById('account-actions-heading')?.focus());
                        }}
                      >
                        Manage<span className="visually-hidden"> {account.username}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </DataTable>
            ) : null}
            <Pager
              page={{ offset: search.offset, limit: PAGE, nextOffset: page.nextOffset }}
              onPage={(offset) => setSearch({ ...search, offset })}
              label="Account pages"
            />
          </>
        ) : null}
      </section>

      {selected ? <AccountActions key={selected.id} account={selected} own={selected.id === me?.id} onChanged={refresh} /> : null}
    </>
  );
}
