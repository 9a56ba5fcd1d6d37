import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { API_BASE, AUTH_SESSION_PATHS } from '../api/api-paths';
import { SessionStore } from './session.store';

/**
 * Sends the in-memory access token with every API call. A 401 gets one refresh and one retry;
 * when the refresh is refused too, the session is over and the user goes to /login.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(API_BASE)) {
    return next(request);
  }
  const session = inject(SessionStore);
  const router = inject(Router);
  const withToken = (req: HttpRequest<unknown>): HttpRequest<unknown> => {
    const token = session.accessToken();
    return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  };
  const isSessionCall = AUTH_SESSION_PATHS.some((path) => request.url.startsWith(path));

  return next(withToken(request)).pipe(
    catchError((error: unknown) => {
      if (isSessionCall || !(error instanceof HttpErrorResponse) || error.status !== 401) {
        return throwError(() => error);
      }
      return session.refresh().pipe(
        catchError(() => {
          session.clear();
          const returnUrl = router.url && router.url !== '/login' ? router.url : undefined;
          void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
          return throwError(() => error);
        }),
        switchMap(() => next(withToken(request))),
      );
    }),
  );
};
