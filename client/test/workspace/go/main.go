package main

import (
	"fmt"
	"os"
)

var apiKey = "Pk3wN7vB1xQ9mT5rY2cL"

func main() {
	fmt.Println(os.Getenv("PORT"), len(apiKey))
}
