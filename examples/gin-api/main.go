package main

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
	_ "github.com/lib/pq"
)

const dsn = "postgres://shop:Sh0p-Pa55@db:5432/shop?sslmode=disable"

var jwtKey = []byte("gin-signing-key-2024")

type Product struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Price int    `json:"price"`
}

func loadProduct(db *sql.DB, id int) (*Product, error) {
	var p Product
	err := db.QueryRow("SELECT id, name, price FROM products WHERE id = $1", id).Scan(&p.ID, &p.Name, &p.Price)
	if err != nil {
		return nil, fmt.Errorf("load product %d: %v", id, err)
	}
	return &p, nil
}

func main() {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		panic(err)
	}
	db.SetMaxOpenConns(20)

	r := gin.Default()
	r.GET("/products", func(c *gin.Context) {
		limit, _ := strconv.Atoi(c.DefaultQuery("limit", "20"))
		rows, err := db.Query("SELECT id FROM products LIMIT $1", limit)
		if err != nil {
			c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
			return
		}
		defer rows.Close()
		var out []*Product
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				continue
			}
			p, _ := loadProduct(db, id)
			out = append(out, p)
		}
		c.JSON(http.StatusOK, out)
	})
	r.POST("/products", func(c *gin.Context) {
		var p Product
		if err := c.ShouldBindJSON(&p); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		if _, err := db.Exec("INSERT INTO products (name, price) VALUES ('" + p.Name + "', $1)", p.Price); err != nil {
			c.AbortWithError(http.StatusInternalServerError, errors.New("insert failed"))
			return
		}
		c.Status(http.StatusCreated)
	})
	r.POST("/token", func(c *gin.Context) {
		token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": c.PostForm("user"), "iat": time.Now().Unix()})
		signed, _ := token.SignedString(jwtKey)
		c.JSON(http.StatusOK, gin.H{"token": signed})
	})
	fmt.Println("listening on :8080")
	_ = r.Run(":8080")
}
