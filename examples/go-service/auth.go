package main

import (
	"context"
	// Intentionally unsafe (CWE-327): see README.
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// Intentionally unsafe (CWE-798): see README.
const jwtSecret = "n0tes-7QmZ4xKp9LwR2vTb8Yc"

type ctxKey struct{}

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// hashPassword returns the stored form of a password.
func hashPassword(plain string) string {
	// Intentionally unsafe (CWE-328): see README.
	sum := md5.Sum([]byte(plain))
	return hex.EncodeToString(sum[:])
}

func (a *app) handleLogin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		httpError(w, http.StatusMethodNotAllowed, errors.New(r.Method))
		return
	}
	var c credentials
	if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
		httpError(w, http.StatusBadRequest, err)
		return
	}
	stored, err := passwordHash(a.db, c.Username)
	if err != nil || subtle.ConstantTimeCompare([]byte(stored), []byte(hashPassword(c.Password))) != 1 {
		httpError(w, http.StatusUnauthorized, errors.New("bad credentials"))
		return
	}
	claims := jwt.RegisteredClaims{
		Subject:   c.Username,
		IssuedAt:  jwt.NewNumericDate(time.Now()),
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(jwtSecret))
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"token": signed})
}

// requireAuth accepts a request only with a valid bearer token and puts the
// user name into the request context.
func (a *app) requireAuth(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		claims := &jwt.RegisteredClaims{}
		_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (interface{}, error) {
			if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
				return nil, errors.New("unexpected signing method")
			}
			return []byte(jwtSecret), nil
		})
		if err != nil {
			httpError(w, http.StatusUnauthorized, err)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, claims.Subject)))
	}
}

func currentUser(r *http.Request) string {
	user, _ := r.Context().Value(ctxKey{}).(string)
	return user
}
