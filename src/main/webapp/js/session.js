// The logged-in user and their /login token, kept in localStorage so a reload (or another tab) stays logged in.

export const session = {
    get() {
        try {
            const user = localStorage.getItem('user');
            const token = localStorage.getItem('token');
            return user && token ? { user, token } : null;
        } catch (e) {
            return null;
        }
    },
    save(user, token) {
        localStorage.setItem('user', user);
        localStorage.setItem('token', token);
    },
    clear() {
        try {
            localStorage.removeItem('user');
            localStorage.removeItem('token');
        } catch (e) { /* private mode */ }
    },
    /** True when a storage event is about the session. */
    concerns(storageEvent) {
        return storageEvent.key === 'token' || storageEvent.key === 'user';
    },
};
