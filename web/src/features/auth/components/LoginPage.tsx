import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '@/api/session';
import { errorMessage } from '@/components/PageError';
import { safeNext } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useLogin } from '../api/login';

/** Sign in with username and password; shows the server's message when it fails. */
export function LoginPage() {
  usePageTitle('Sign in');
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next')) ?? '/';
  const navigate = useNavigate();
  const session = useSession();
  const loginMutation = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  if (session.data && !loginMutation.isPending && !loginMutation.isSuccess) {
    return <Navigate to={next} replace />;
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    loginMutation.mutate(
      { username: username.trim(), password },
      { onSuccess: () => navigate(next, { replace: true }) },
    );
  };

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={onSubmit} noValidate aria-labelledby="login-title">
          <Stack gap="md">
            <Group gap="sm">
              <ThemeIcon size="lg" radius="md" aria-hidden>
                <IconLifebuoy size={22} />
              </ThemeIcon>
              <div>
                <Title order={1} size="h3" id="login-title">
                  Sign in to Steward
                </Title>
                <Text size="sm" c="dimmed">
                  IT service management
                </Text>
              </div>
            </Group>
            {loginMutation.isError && (
              <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                {errorMessage(loginMutation.error)}
              </Alert>
            )}
            <TextInput
              label="Username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button
              type="submit"
              fullWidth
              loading={loginMutation.isPending}
              disabled={username.trim() === '' || password === ''}
            >
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
