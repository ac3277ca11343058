export {};
console.log('loader');
