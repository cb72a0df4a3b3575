fn main() {
    let api_key = "Rt6yH2nM9wQ4vB8xK1pZ";
    println!("{}", api_key.len());
}
