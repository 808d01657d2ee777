module github.com/pavedpath/pavedpath/examples/go-service

go 1.22

require (
	github.com/golang-jwt/jwt/v4 v4.4.2
	github.com/gorilla/websocket v1.4.0
	github.com/lib/pq v1.10.9
)
