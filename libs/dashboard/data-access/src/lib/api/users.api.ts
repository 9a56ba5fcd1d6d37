import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Role, UserDto } from '@proxdeck/shared-contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-paths';

export interface CreateUserRequest {
  username: string;
  password: string;
  role: Role;
}

/** A new role, a new password, or both. */
export interface UpdateUserRequest {
  role?: Role;
  password?: string;
}

/** People who may sign in (admins). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<UserDto[]> {
    return this.http.get<UserDto[]>(`${API_BASE}/users`);
  }

  create(request: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>(`${API_BASE}/users`, request);
  }

  update(id: string, request: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`${API_BASE}/users/${encodeURIComponent(id)}`, request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/users/${encodeURIComponent(id)}`);
  }
}
